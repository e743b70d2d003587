package io.paralleljob.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The runner thread's own wait for a CPU, with real contention: the thread is pinned to core 0
 * (taskset on its TID) beside a busy loop pinned there too. Bounds are one-sided and relative to
 * the CPU time the thread got: other load on the machine can only add waiting.
 */
class RunnerThreadWaitTest {
    @Test
    void aThreadSharingItsCoreWithABusyLoopWaitsAboutAsLongAsItComputes() throws Exception {
        assumeTrue(RunnerThreadWait.nanos() >= 0, "no /proc/thread-self/schedstat here");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")), "taskset is not installed");
        Process hog = new ProcessBuilder("taskset", "-c", "0", "python3", "-c", "while True: pass").start();
        try {
            pinThisThread("0");
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long before = RunnerThreadWait.nanos();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long spin = 0;
            while (mx.getCurrentThreadCpuTime() - cpu0 < 300_000_000L) {
                spin++; // 0.3 s of this thread's own CPU time, however long the core takes to give it
            }
            long cpuMillis = (mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            long waited = RunnerThreadWait.millisSince(before);

            // Two runnable tasks on one core: each waits about as long as the other runs.
            assertThat(waited).as("wait, ms, beside %d ms of CPU (%d spins)", cpuMillis, spin)
                    .isGreaterThanOrEqualTo(cpuMillis * 3 / 10);
        } finally {
            pinThisThread("0-" + (Runtime.getRuntime().availableProcessors() - 1)); // the test thread runs on
            hog.destroyForcibly();
        }
    }

    @Test
    void aThreadThatSleepsDoesNotWait() throws Exception {
        assumeTrue(RunnerThreadWait.nanos() >= 0, "no /proc/thread-self/schedstat here");
        long before = RunnerThreadWait.nanos();
        Thread.sleep(300);

        assertThat(RunnerThreadWait.millisSince(before)).as("sleeping is not waiting for a CPU").isLessThan(100L);
    }

    @Test
    void unknownStartAddsNothing() {
        assertThat(RunnerThreadWait.millisSince(-1)).isZero();
    }

    /** taskset on this thread's own TID, which /proc/thread-self names ("PID/task/TID"). */
    private static void pinThisThread(String cpus) throws Exception {
        String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        Process p = new ProcessBuilder("taskset", "-p", "-c", cpus, tid).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
}
