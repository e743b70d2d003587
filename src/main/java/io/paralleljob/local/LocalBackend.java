package io.paralleljob.local;

/** A local stand-in for a job's pods, running on this machine; the job stops it from another thread. */
interface LocalBackend {
    /** Stops a run in progress (deadline, interruption): its unfinished items get no result. */
    void cancel();
}
