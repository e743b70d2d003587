package io.paralleljob.runner;

/** How child processes are started: chosen once, before the first item runs. */
public final class ProcessLaunch {
    private ProcessLaunch() {
    }

    /**
     * Every item is a child process, so spawning is the runner's hot path. On Linux, JDK 17's
     * default (posix_spawn through the jspawnhelper program) execs twice per child; vfork execs the
     * command directly: 2000 trivial items took 2.4 s with the default and 1.8 s with vfork here
     * (bench/local.sh). A launch mechanism set on the command line is left alone.
     */
    public static void preferVfork() {
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null
                && System.getProperty("os.name", "").startsWith("Linux")) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
    }

}
