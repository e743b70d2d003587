package io.paralleljob.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner as a job author sees it: what reaches the command, what comes back, and how fast. */
class ShardRunnerTest {
    /** A slow item's command, unique to this run: a process scan must not count another build's items. */
    private static final String SLOW = "sleep 30." + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private static CommandTemplate sh(String script) {
        return new CommandTemplate(List.of("sh", "-c", script), Map.of(), null);
    }

    private static CommandTemplate python(String code) {
        return new CommandTemplate(List.of("python3", "-c", code), Map.of(), null);
    }

    private static List<WorkItem> items(String... values) {
        return IntStream.range(0, values.length).mapToObj(i -> new WorkItem(i, values[i])).toList();
    }

    private static List<ItemRun> run(CommandTemplate cmd, int threads, int retries, List<WorkItem> items) {
        return assertTimeoutPreemptively(LIMIT, () -> collect(new ShardRunner(cmd, threads, retries), items, 3));
    }

    /** What the listener heard, by index: the runner itself keeps no result. */
    private static List<ItemRun> collect(ShardRunner runner, List<WorkItem> items, Integer shard)
            throws InterruptedException {
        List<ItemRun> heard = Collections.synchronizedList(new ArrayList<>());
        ShardRunner.Outcome outcome = runner.run(items, shard, heard::add);
        List<ItemRun> sorted = new ArrayList<>(heard);
        sorted.sort(java.util.Comparator.comparingInt(ItemRun::index));
        assertThat(outcome.items()).isEqualTo(sorted.size());
        assertThat(outcome.failed()).isEqualTo((int) sorted.stream().filter(r -> !r.succeeded()).count());
        return sorted;
    }

    @Test
    void itemAndIndexReachTheCommandAndOutputComesBackTrimmed() {
        List<ItemRun> runs = run(python("import os; print('  ' + os.environ['PJ_ITEM'] + '@' "
                + "+ os.environ['PJ_ITEM_INDEX'] + '  \\n\\n')"), 2, 0, items("apple", "pear", "fig"));

        assertThat(runs).extracting(ItemRun::index).containsExactly(0, 1, 2);
        assertThat(runs).extracting(ItemRun::output).containsExactly("apple@0", "pear@1", "fig@2");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.exitCode()).isZero();
            assertThat(r.succeeded()).isTrue();
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.shard()).isEqualTo(3);
            assertThat(r.stderrTail()).isNull();
            assertThat(r.error()).isNull();
        });
    }

    @Test
    void templateEnvAndWorkingDirectoryApply() {
        CommandTemplate cmd = new CommandTemplate(List.of("sh", "-c", "echo \"$GREETING $PJ_ITEM in $(pwd)\""),
                Map.of("GREETING", "hello"), tmp.toString());

        assertThat(run(cmd, 1, 0, items("world")).get(0).output())
                .isEqualTo("hello world in " + tmp.toAbsolutePath());
    }

    @Test
    void hugeOutputIsCutTo4KiBAndDoesNotHang() {
        // 100 KB on stdout and 100 KB on stderr, then a failing exit so the stderr tail is kept too
        List<ItemRun> runs = run(python("import sys; sys.stdout.write('x' * 100000); "
                + "sys.stderr.write('e' * 100000 + 'THE END'); sys.exit(1)"), 1, 0, items("big"));

        ItemRun r = runs.get(0);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).startsWith("xxxx").endsWith("[truncated]");
        assertThat(r.output().replaceAll("[^x]", "")).hasSize(4096);
        assertThat(r.output().length()).isLessThan(4096 + 32);
        assertThat(r.stderrTail()).endsWith("THE END").hasSizeLessThan(1024 + 8);
    }

    @Test
    void outputOfExactly4KiBIsNotMarkedTruncated() {
        ItemRun r = run(python("import sys; sys.stdout.write('y' * 4096)"), 1, 0, items("x")).get(0);
        assertThat(r.output()).hasSize(4096).doesNotContain("truncated");
    }

    @Test
    void anItemThatReadsStdinGetsEndOfInputInsteadOfHanging() {
        assertThat(run(python("import sys; print(len(sys.stdin.read()))"), 1, 0, items("x")).get(0).output())
                .isEqualTo("0");
    }

    @Test
    void aFailingItemKeepsItsExitCodeAndStderrWhileOthersSucceed() {
        List<ItemRun> runs = run(sh("if [ \"$PJ_ITEM\" = bad ]; then echo warming up >&2; "
                + "echo 'cannot divide by zero' >&2; exit 3; fi; echo \"ok $PJ_ITEM\""), 2, 0,
                items("a", "bad", "c", "d"));

        assertThat(runs).extracting(ItemRun::exitCode).containsExactly(0, 3, 0, 0);
        assertThat(runs).extracting(ItemRun::output).containsExactly("ok a", "", "ok c", "ok d");
        ItemRun bad = runs.get(1);
        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.stderrTail()).endsWith("cannot divide by zero").contains("warming up");
        assertThat(bad.error()).isNull();
    }

    @Test
    void aCommandThatDoesNotExistGivesAnErrorAndNoExitCode() {
        CommandTemplate cmd = new CommandTemplate(List.of(tmp.resolve("no-such-program").toString()), Map.of(), null);
        List<ItemRun> runs = run(cmd, 2, 2, items("a", "b"));

        assertThat(runs).allSatisfy(r -> {
            assertThat(r.exitCode()).isNull();
            assertThat(r.succeeded()).isFalse();
            assertThat(r.error()).contains("no-such-program").contains("No such file");
            // a command that cannot start is not retried
            assertThat(r.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aRetriedItemSucceedsOnItsSecondAttempt() {
        // fails the first time (leaving a marker), succeeds once the marker exists
        CommandTemplate cmd = new CommandTemplate(List.of("sh", "-c",
                "m=\"$MARKS/$PJ_ITEM_INDEX\"; if [ -e \"$m\" ]; then echo second; "
                        + "else touch \"$m\"; echo flaky >&2; exit 1; fi"),
                Map.of("MARKS", tmp.toString()), null);

        List<ItemRun> runs = run(cmd, 2, 2, items("a", "b"));

        assertThat(runs).allSatisfy(r -> {
            assertThat(r.exitCode()).isZero();
            assertThat(r.output()).isEqualTo("second");
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.stderrTail()).as("stderr of a failed attempt is not kept on success").isNull();
        });
    }

    @Test
    void withoutRetriesTheSameItemFailsOnce() {
        CommandTemplate cmd = new CommandTemplate(List.of("sh", "-c",
                "m=\"$MARKS/$PJ_ITEM_INDEX\"; if [ -e \"$m\" ]; then echo second; "
                        + "else touch \"$m\"; echo flaky >&2; exit 1; fi"),
                Map.of("MARKS", tmp.toString()), null);

        ItemRun r = run(cmd, 1, 0, items("a")).get(0);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.stderrTail()).isEqualTo("flaky");
    }

    @Test
    void anItemThatKeepsFailingUsesEveryRetry() throws Exception {
        ItemRun r = run(sh("echo x >> \"$0\"; exit 5", tmp.resolve("count").toString()), 1, 2, items("a")).get(0);

        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(Files.readAllLines(tmp.resolve("count"))).hasSize(3);
    }

    private static CommandTemplate sh(String script, String arg0) {
        return new CommandTemplate(List.of("sh", "-c", script, arg0), Map.of(), null);
    }

    @Test
    void threadsReallyRunItemsAtTheSameTime() throws Exception {
        // A rendezvous: each item checks in, then waits (20 s at most) until all four have. With
        // fewer than four items at a time none could pass, and they would all fail.
        Path dir = Files.createTempDirectory("rendezvous");
        List<ItemRun> runs = run(sh("touch '" + dir + "'/$PJ_ITEM; n=0; while [ $(ls '" + dir + "' | wc -l) -lt 4 ]; do "
                + "n=$((n+1)); [ $n -gt 400 ] && exit 1; sleep 0.05; done"), 4, 0, items("a", "b", "c", "d"));

        assertThat(runs).hasSize(4).allSatisfy(r -> assertThat(r.succeeded()).as("item %s met the others", r.item()).isTrue());
        long lastStart = runs.stream().mapToLong(ItemRun::startEpochMillis).max().orElseThrow();
        long firstEnd = runs.stream().mapToLong(ItemRun::endEpochMillis).min().orElseThrow();
        assertThat(lastStart).as("every item was running when the first one finished").isLessThanOrEqualTo(firstEnd);
    }

    @Test
    void neverMoreItemsAtOnceThanThreads() {
        List<ItemRun> runs = run(sh("sleep 0.1"), 2, 0, items("a", "b", "c", "d", "e", "f"));

        for (ItemRun r : runs) {
            // items running while r started (r included): at most 2
            long overlapping = runs.stream()
                    .filter(o -> o.startEpochMillis() <= r.startEpochMillis() && o.endEpochMillis() > r.startEpochMillis())
                    .count();
            assertThat(overlapping).as("items running when item %d started", r.index()).isLessThanOrEqualTo(2);
        }
        assertThat(runs).hasSize(6).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
    }

    @Test
    void cpuTimeIsAttributedToTheItemThatBurnedIt() {
        ItemRun busy = run(python("import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass"),
                1, 0, items("busy")).get(0);
        ItemRun idle = run(sh("sleep 0.3"), 1, 0, items("idle")).get(0);
        // python3's own start-up costs 50-100 ms of CPU here: sleeping in python is mostly, not all, idle
        ItemRun pyIdle = run(python("import time; time.sleep(0.3)"), 1, 0, items("py-idle")).get(0);

        assertThat(ChildCpuClock.shared().available()).isTrue();
        assertThat(busy.cpuMillis()).isGreaterThanOrEqualTo(250L);
        assertThat(idle.cpuMillis()).as("a sleeping item uses next to no CPU").isLessThanOrEqualTo(30L);
        assertThat(idle.durationMillis()).isGreaterThanOrEqualTo(300);
        assertThat(pyIdle.cpuMillis()).isLessThan(pyIdle.durationMillis() / 2).isLessThan(busy.cpuMillis() / 2);
    }

    @Test
    void cpuOfOtherChildrenOfThisProcessIsNotChargedToTheNextItem() throws Exception {
        // Something other than an item (here: a CPU-burning process; in local mode: the runner
        // JVMs of a Pods run) finishes while no item runs; the next item must not be charged for it.
        Process other = new ProcessBuilder("python3", "-c",
                "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass").start();
        assertThat(other.waitFor()).isZero();

        ItemRun idle = run(sh("sleep 0.1"), 1, 0, items("idle")).get(0);

        assertThat(idle.cpuMillis()).isLessThanOrEqualTo(30L);
    }

    @Test
    void theListenerHearsOfEveryItemOnceAndTheOutcomeCountsThem() {
        List<ItemRun> heard = Collections.synchronizedList(new ArrayList<>());
        ShardRunner.Outcome outcome = assertTimeoutPreemptively(LIMIT, () -> new ShardRunner(
                sh("[ $PJ_ITEM != c ]"), 3, 0).run(items("a", "b", "c", "d", "e"), null, heard::add));

        assertThat(heard).extracting(ItemRun::item).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(outcome).isEqualTo(new ShardRunner.Outcome(5, 1));
    }

    @Test
    void noItemsIsNoWork() throws InterruptedException {
        assertThat(new ShardRunner(sh("exit 1"), 4, 0).run(List.of(), 0, r -> { })).isEqualTo(new ShardRunner.Outcome(0, 0));
    }

    @Test
    void anItemThatOutlivesItsTimeoutIsKilledRetriedAndReportedAsTimedOut() throws Exception {
        CommandTemplate cmd = new CommandTemplate(List.of("sh", "-c", "echo started; " + SLOW), Map.of(), null, 1L);
        long t0 = System.nanoTime();
        List<ItemRun> runs = collect(new ShardRunner(cmd, 1, 1), List.of(new WorkItem(0, "slow")), 0);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        ItemRun run = runs.get(0);
        assertThat(run.succeeded()).isFalse();
        assertThat(run.error()).isEqualTo("timed out after 1 s (killed)");
        assertThat(run.attempts()).as("a timed-out attempt is retried").isEqualTo(2);
        assertThat(run.output()).isEqualTo("started");
        assertThat(seconds).as("two 1 s attempts, not 30 s").isLessThan(10);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").endsWith(SLOW))
                .count()).as("the item's children are killed too").isZero();
    }

    /** Auto's switch to Pods: every item is either run here or handed back, never both, never neither. */
    @Test
    void drainingHandsBackExactlyTheItemsNoThreadStarted() throws Exception {
        List<WorkItem> all = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(new WorkItem(i, Integer.toString(i)));
        }
        ShardRunner runner = new ShardRunner(sh("sleep 0.05; echo $PJ_ITEM"), 4, 0);
        List<WorkItem> handedBack = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        List<ItemRun> ran = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        assertTimeoutPreemptively(LIMIT, () -> runner.run(all, 0, run -> {
            ran.add(run);
            if (finished.incrementAndGet() == 6) {
                handedBack.addAll(runner.drain()); // from an item's thread, as Auto does
            }
        }));

        assertThat(ran.size()).as("the threads' items in flight at the drain finished").isBetween(6, 6 + 4);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        ran.forEach(r -> assertThat(seen.add(r.index())).isTrue());
        handedBack.forEach(w -> assertThat(seen.add(w.index())).as("item " + w.index() + " twice").isTrue());
        assertThat(seen).hasSize(40);
    }
}
