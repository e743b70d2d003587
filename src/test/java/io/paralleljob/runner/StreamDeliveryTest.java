package io.paralleljob.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.Delivery;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.delivery: Stream as a worker's author sees it: one process per slot, one line in and one out per item. */
class StreamDeliveryTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    /** A Python worker: the three-line loop, with {@code body} computing {@code out} from {@code item}. */
    private static CommandTemplate worker(String body, Long timeoutSeconds) {
        String code = "import os, sys, time\n"
                + "for line in sys.stdin:\n"
                + "    item = line.rstrip('\\n')\n"
                + body.indent(4)
                + "    print(out, flush=True)\n";
        return new CommandTemplate(List.of("python3", "-c", code), Map.of(), null, timeoutSeconds, Delivery.Stream);
    }

    private static List<WorkItem> items(String... values) {
        return IntStream.range(0, values.length).mapToObj(i -> new WorkItem(i, values[i])).toList();
    }

    private static List<ItemRun> run(CommandTemplate cmd, int threads, int retries, List<WorkItem> items) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            List<ItemRun> heard = Collections.synchronizedList(new ArrayList<>());
            new ShardRunner(cmd, threads, retries).run(items, 0, heard::add);
            List<ItemRun> sorted = new ArrayList<>(heard);
            sorted.sort(Comparator.comparingInt(ItemRun::index));
            return sorted;
        });
    }

    private static String pid(ItemRun run) {
        return run.output().split(" ")[0];
    }

    @Test
    void oneWorkerPerSlotAnswersEveryItemInOrderWithoutPerItemEnvironment() {
        List<ItemRun> runs = run(worker("out = f\"{os.getpid()} {item.upper()} {os.environ.get('PJ_ITEM')} "
                + "{os.environ['PJ_DELIVERY']}\"", null), 1, 0, items("apple", "pear", "fig"));
        assertThat(runs).allMatch(ItemRun::succeeded);
        assertThat(runs).extracting(r -> r.output().substring(r.output().indexOf(' ') + 1))
                .containsExactly("APPLE None Stream", "PEAR None Stream", "FIG None Stream");
        assertThat(runs).extracting(StreamDeliveryTest::pid).containsOnly(pid(runs.get(0)));
    }

    @Test
    void twoSlotsStartTwoWorkersForManyItems() {
        List<ItemRun> runs = run(worker("out = f'{os.getpid()} {item}'", null), 2, 0,
                IntStream.range(0, 40).mapToObj(i -> new WorkItem(i, "i" + i)).toList());
        assertThat(runs).hasSize(40).allMatch(ItemRun::succeeded);
        assertThat(runs.stream().map(StreamDeliveryTest::pid).distinct().count()).isEqualTo(2);
        assertThat(runs).allMatch(r -> r.output().endsWith(" i" + r.index()));
    }

    @Test
    void aFailedAnswerFailsThatItemOnlyAndTheWorkerGoesOn() {
        List<ItemRun> runs = run(worker("""
                if item == 'bad':
                    print('cannot parse bad', file=sys.stderr, flush=True)
                    out = '!fail not a number: bad'
                else:
                    print('noise from ' + item, file=sys.stderr, flush=True)
                    out = f'{os.getpid()} ok'
                """, null), 1, 0, items("a", "bad", "c"));
        assertThat(runs).extracting(ItemRun::succeeded).containsExactly(true, false, true);
        ItemRun bad = runs.get(1);
        assertThat(bad.exitCode()).isEqualTo(StreamProtocol.FAILED_EXIT);
        assertThat(bad.output()).isEqualTo("not a number: bad");
        assertThat(bad.stderrTail()).contains("cannot parse bad").doesNotContain("noise from a");
        assertThat(pid(runs.get(0))).isEqualTo(pid(runs.get(2))); // not restarted
    }

    @Test
    void aDyingWorkerFailsOnlyItsInFlightItemAndIsRestarted() {
        List<ItemRun> runs = run(worker("""
                if item == 'die':
                    print('dying on ' + item, file=sys.stderr, flush=True)
                    sys.exit(3)
                out = f'{os.getpid()} ok'
                """, null), 1, 0, items("a", "die", "c", "d"));
        assertThat(runs).extracting(ItemRun::succeeded).containsExactly(true, false, true, true);
        ItemRun died = runs.get(1);
        assertThat(died.exitCode()).isEqualTo(3);
        assertThat(died.error()).contains("worker exited with code 3");
        assertThat(died.stderrTail()).contains("dying on die");
        assertThat(pid(runs.get(0))).isNotEqualTo(pid(runs.get(2)));
        assertThat(pid(runs.get(2))).isEqualTo(pid(runs.get(3)));
    }

    @Test
    void retriesResendAFailedItemAndAKilledWorkersItemToAFreshWorker() {
        Path marks = tmp;
        List<ItemRun> runs = run(worker("""
                mark = os.path.join(%s, item)
                first = not os.path.exists(mark)
                open(mark, 'a').close()
                if first and item == 'crash':
                    os._exit(9)
                out = '!fail first try' if first and item == 'flaky' else f'{os.getpid()} ok'
                """.formatted("'" + marks + "'"), null), 1, 1, items("flaky", "crash", "fine"));
        assertThat(runs).allMatch(ItemRun::succeeded);
        assertThat(runs).extracting(ItemRun::attempts).containsExactly(2, 2, 1);
    }

    @Test
    void anItemOverItsTimeoutIsKilledWithItsWorkerAndTheNextItemRuns() {
        List<ItemRun> runs = run(worker("""
                if item == 'hang':
                    time.sleep(60)
                out = f'{os.getpid()} ok'
                """, 2L), 1, 0, items("a", "hang", "c"));
        // 2 s, not 1: "c" goes to the restarted worker, whose start-up its timeout counts (a loaded
        // machine once took over a second to start python).
        assertThat(runs).extracting(ItemRun::succeeded).containsExactly(true, false, true);
        assertThat(runs.get(1).error()).contains("timed out after 2 s");
        assertThat(runs.get(1).durationMillis()).isBetween(1900L, 10_000L);
    }

    @Test
    void eachItemsTimingIsItsOwnDeltaAndComputingItemsShowCpu() {
        List<ItemRun> runs = run(worker("""
                end = time.process_time() + (0.3 if item == 'spin' else 0)
                while time.process_time() < end:
                    pass
                if item == 'nap':
                    time.sleep(0.4)
                out = item
                """, null), 1, 0, items("nap", "spin", "nap", "spin"));
        assertThat(runs).allMatch(ItemRun::succeeded);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.cpuMillis()).isNotNull().isGreaterThanOrEqualTo(0);
            assertThat(r.cpuWaitMillis()).isNotNull().isGreaterThanOrEqualTo(0);
        });
        ItemRun laterNap = runs.get(2);
        ItemRun laterSpin = runs.get(3);
        assertThat(laterSpin.cpuMillis()).isGreaterThanOrEqualTo(250);
        assertThat(laterNap.cpuMillis()).isLessThan(100); // the spin before it is not charged to it
        assertThat(laterNap.durationMillis()).isGreaterThanOrEqualTo(380);
    }

    @Test
    void aCommandThatCannotStartStopsTheShardAsInPerItem() {
        CommandTemplate missing = new CommandTemplate(List.of(tmp.resolve("no-such-worker").toString()), Map.of(),
                null, null, Delivery.Stream);
        List<ItemRun> runs = run(missing, 1, 2, items("a", "b", "c"));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).commandCannotStart()).isTrue();
        assertThat(runs.get(0).attempts()).isEqualTo(1);
    }

    @Test
    void anItemWithALineBreakCannotBeFramed() {
        assertThat(StreamProtocol.parse("!fail  why").ok()).isFalse();
        assertThat(StreamProtocol.parse("!failure is a word").output()).isEqualTo("ure is a word");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StreamProtocol.frame("a\nb"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
