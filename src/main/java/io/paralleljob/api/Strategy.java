package io.paralleljob.api;

/** How items are fanned out: threads in one pod, or many pods. */
public enum Strategy {
    Threads, Pods
}
