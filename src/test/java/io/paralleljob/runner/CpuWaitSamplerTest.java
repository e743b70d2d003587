package io.paralleljob.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Run-queue wait measured over an item's whole process tree, with real processes. Contention is
 * made on purpose (processes pinned to one core with taskset), so bounds are one-sided and wide:
 * other builds on the machine can only add waiting, never take it away.
 */
class CpuWaitSamplerTest {
    /** A CPU-bound python: burns this much CPU time however long the machine takes to give it. */
    private static final String BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < %s: pass";

    @BeforeAll
    static void needsSchedstatAndTaskset() {
        assumeTrue(CpuWaitSampler.shared().available(), "no /proc/PID/schedstat here");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset")),
                "taskset is not installed");
    }

    private static ItemRun runOne(String script) throws InterruptedException {
        CommandTemplate cmd = new CommandTemplate(List.of("sh", "-c", script), Map.of(), null);
        List<ItemRun> out = new java.util.ArrayList<>();
        new ShardRunner(cmd, 1, 0).run(List.of(new WorkItem(0, "x")), null, out::add);
        return out.get(0);
    }

    private static String burn(double seconds) {
        return "python3 -c '" + String.format(BURN, seconds) + "'";
    }

    @Test
    void grandchildrenThatExitedLongBeforeTheItemKeepTheirWait() throws Exception {
        // Two computing grandchildren share one core (each waits about as long as the other computes),
        // exit, and the item sleeps on: their schedstat is gone by the end, their last values are not.
        ItemRun r = runOne("(taskset -c 0 " + burn(0.4) + " & taskset -c 0 " + burn(0.4) + " & wait); sleep 0.5");

        assertThat(r.succeeded()).isTrue();
        assertThat(r.cpuWaitMillis()).as(r.toString()).isNotNull().isGreaterThanOrEqualTo(500L);
        assertThat(r.cpuWaitMillis()).as("the 0.5 s sleep is not waiting for a CPU")
                .isLessThan(r.durationMillis() * 2);
    }

    @Test
    void everyThreadOfAProcessCounts() throws Exception {
        // /proc/PID/schedstat is the main thread's alone. Here two threads hashing (hashlib lets go
        // of the GIL) compete for one core while the main thread only joins them, then the process
        // stays alive so that its main thread's own figure can be read beside the tree's.
        String threads = "import hashlib, sys, threading, time\n"
                + "data = b'x' * 20_000_000\n"
                + "def work():\n"
                + "    for _ in range(10): hashlib.sha256(data).digest()\n"
                + "ts = [threading.Thread(target=work) for _ in range(2)]\n"
                + "[t.start() for t in ts]\n"
                + "[t.join() for t in ts]\n"
                + "print('joined', flush=True)\n"
                + "time.sleep(30)\n";
        Process p = new ProcessBuilder("taskset", "-c", "0", "python3", "-c", threads).start();
        try {
            ProcessTreeWait tree = new ProcessTreeWait(p.pid(), true);
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            Thread sampling = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    tree.sample();
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampling.start();
            assertThat(out.readLine()).isEqualTo("joined");
            sampling.interrupt();
            sampling.join();
            tree.sample();
            long mainThreadOnly = ReadBuffer.of(Files.readString(Path.of("/proc/" + p.pid() + "/schedstat"))).number(1);

            long all = tree.stop();
            // Two runnable threads on one core: while one hashes the other waits, so their wait is
            // about the process's CPU time. The bound is relative because a faster machine hashes
            // (and so waits) less: a fixed 200 ms failed on one by 4 ms.
            long cpuMillis = processCpuMillis(p.pid());
            assertThat((all - mainThreadOnly) / 1_000_000).as("wait of the hashing threads, ms, with %d ms CPU", cpuMillis)
                    .isGreaterThanOrEqualTo(Math.max(20L, cpuMillis * 4 / 10));
        } finally {
            p.destroyForcibly();
        }
    }

    /** utime + stime of a live process, exited threads included, from /proc/PID/stat. */
    private static long processCpuMillis(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command name: state is field 3, utime 14 and stime 15 (1-based, man proc)
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }

    @Test
    void sleepingIsNotWaitingForACpu() throws Exception {
        ItemRun r = runOne("sleep 0.5");

        assertThat(r.cpuWaitMillis()).as(r.toString()).isNotNull().isLessThan(100L);
    }

    @Test
    void samplingCostsLittle() throws Exception {
        CpuWaitSampler.Cost before = CpuWaitSampler.shared().cost();
        CommandTemplate cmd = new CommandTemplate(List.of("sh", "-c", "sleep 2"), Map.of(), null);
        long t0 = System.nanoTime();
        List<ItemRun> runs = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        new ShardRunner(cmd, 16, 0).run(IntStream.range(0, 16).mapToObj(i -> new WorkItem(i, "x")).toList(), null,
                runs::add);
        long wall = System.nanoTime() - t0;
        CpuWaitSampler.Cost after = CpuWaitSampler.shared().cost();

        long cpu = after.cpuNanos() - before.cpuNanos();
        long reads = after.processReads() - before.processReads();
        System.out.printf("sampling 16 items for %.1f s: %d passes, %d process reads, %.1f ms CPU (%.1f%% of one core)%n",
                wall / 1e9, after.passes() - before.passes(), reads, cpu / 1e6, 100.0 * cpu / wall);
        assertThat(runs).allSatisfy(r -> assertThat(r.cpuWaitMillis()).isNotNull());
        assertThat(reads).as("every item's processes were followed").isGreaterThan(16L * 20);
        assertThat((double) cpu / wall).as("share of one core spent sampling").isLessThan(0.05);
        assertThat(ProcFile.openCount()).as("every /proc descriptor is closed once its item is done").isZero();
    }
}
