package io.paralleljob.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.api.Strategy;
import io.paralleljob.model.IndexRanges;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.PodTask;
import io.paralleljob.model.ReportLine;
import io.paralleljob.plan.RunnerArgs;
import io.paralleljob.plan.ShardPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's own entry ({@code io.paralleljob.runner.RunnerMain}), the one worker pods and local
 * runner processes start: a JVM reading the job-wide task file and writing a JSON Lines report.
 */
class RunnerMainTest {
    @TempDir
    Path dir;

    private record Result(int exit, List<String> stdout, String stderr) {
        List<ItemRun> items() {
            return stdout.stream().map(ReportLine::parse).filter(Objects::nonNull).map(ReportLine::item)
                    .filter(Objects::nonNull).toList();
        }

        ReportLine.ShardDone done() {
            return ReportLine.parse(stdout.get(stdout.size() - 1)).done();
        }
    }

    private Result runner(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunnerMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.lines().toList(), Files.readString(dir.resolve("stderr")));
    }

    private Path task(PodTask task) throws IOException {
        Path file = dir.resolve("task.json");
        ReportLine.JSON.writeValue(file.toFile(), task);
        return file;
    }

    private Path echoTask(int items) throws IOException {
        return task(new PodTask(List.of("sh", "-c", "echo $PJ_ITEM"), null, 0, null, 100L, items, null));
    }

    @Test
    void aShardReportsEveryItemThenASummary() throws Exception {
        // local mode's task: literal env in the file, items 10..12 shard 1 of 2 of a 24-item list
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            values.add(i == 11 ? "b" : "v" + i);
        }
        Path task = task(new PodTask(List.of("sh", "-c", "echo \"$PREFIX-$PJ_ITEM\"; [ $PJ_ITEM != b ]"), null, 0,
                values, null, values.size(), null, Map.of("PREFIX", "p")));

        Result r = runner("--task", task.toString(), "--shard", "1", "--shards", "2", "--threads", "2",
                "--exclude", "0-9,13-23");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).hasSize(2);
        List<ItemRun> items = r.items();
        assertThat(items).extracting(ItemRun::index).containsExactly(11);
        assertThat(items.get(0).shard()).isEqualTo(1);
        assertThat(items.get(0).exitCode()).isEqualTo(1);
        assertThat(r.done()).isEqualTo(new ReportLine.ShardDone(1, 1, 1));

        Result shard0 = runner("--task", task.toString(), "--shard", "0", "--shards", "2", "--threads", "2",
                "--exclude", "0-9,13-23");
        assertThat(shard0.items()).extracting(ItemRun::index).containsExactlyInAnyOrder(10, 12);
        assertThat(shard0.items()).extracting(ItemRun::output).containsExactlyInAnyOrder("p-v10", "p-v12");
        assertThat(shard0.done()).isEqualTo(new ReportLine.ShardDone(0, 2, 0));
    }

    @Test
    void aWorkerPodsTaskWithStreamDeliveryFeedsOneWorkerPerThread() throws Exception {
        // What the operator's task ConfigMap holds for delivery: Stream (JobPlan.task)
        String worker = "import os, sys\nfor line in sys.stdin:\n    print(os.getpid(), line.strip(), flush=True)";
        Path task = task(new PodTask(List.of("python3", "-c", worker), null, 0, null, 0L, 12, null, null, null,
                "Stream"));

        Result r = runner("--task", task.toString(), "--shard", "0", "--shards", "1", "--threads", "2");

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.items()).hasSize(12).allMatch(ItemRun::succeeded)
                .allMatch(i -> i.output().endsWith(" " + i.index()));
        assertThat(r.items().stream().map(i -> i.output().split(" ")[0]).distinct().count()).isEqualTo(2);
    }

    @Test
    void theRunnerRunsExactlyTheItemsTheShardPlanGivesItsShard() throws Exception {
        Path task = echoTask(23);
        List<Integer> sample = List.of(0, 5, 11, 17);
        ShardPlan plan = new ShardPlan(Strategy.Pods, 23, 3, 1, sample);
        for (int s = 0; s < plan.shards(); s++) {
            List<String> args = new ArrayList<>(List.of("--task", task.toString()));
            args.addAll(RunnerArgs.shard(plan, s));
            Result r = runner(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.stderr()).isZero();
            assertThat(r.items()).extracting(ItemRun::index).as("shard " + s)
                    .containsExactlyInAnyOrderElementsOf(plan.indexes(s));
            assertThat(r.items()).allSatisfy(i -> assertThat(i.output()).isEqualTo(Long.toString(100 + i.index())));
        }
    }

    @Test
    void donePositionsAreSkippedAndNothingElse() throws Exception {
        Path task = echoTask(20);
        ShardPlan plan = new ShardPlan(Strategy.Pods, 20, 3, 1, List.of());
        List<Integer> shard1 = plan.indexes(1); // 1, 4, 7, 10, 13, 16, 19
        List<String> args = new ArrayList<>(List.of("--task", task.toString()));
        args.addAll(RunnerArgs.shard(plan, 1));
        args.addAll(RunnerArgs.donePositions(List.of(0, 1, 2, 5)));

        Result r = runner(args.toArray(String[]::new));

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.items()).extracting(ItemRun::index)
                .containsExactlyInAnyOrder(shard1.get(3), shard1.get(4), shard1.get(6))
                .containsExactlyInAnyOrder(10, 13, 19);
        assertThat(r.done().items()).isEqualTo(3);
    }

    @Test
    void theSampleRunsOnlyItsItemsInNoShard() throws Exception {
        List<String> args = new ArrayList<>(List.of("--task", echoTask(10).toString()));
        args.addAll(RunnerArgs.sample(List.of(0, 2, 5, 7)));
        args.addAll(List.of("--report-file", dir.resolve("msg").toString()));

        Result r = runner(args.toArray(String[]::new));

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.items()).extracting(ItemRun::index).containsExactlyInAnyOrder(0, 2, 5, 7);
        assertThat(r.items()).allSatisfy(i -> assertThat(i.shard()).isNull());
        assertThat(r.items()).as("the CPU wait crosses the process boundary")
                .allSatisfy(i -> assertThat(i.cpuWaitMillis()).isNotNull());
        assertThat(ReportLine.parse(Files.readString(dir.resolve("msg"))).done())
                .as("the termination message holds the summary").isEqualTo(r.done());
    }

    /**
     * Memory does not grow with the shard: 20 000 items with 4 KiB outputs (80 MB of results) in a
     * 64 MiB heap. A runner that kept every result, and a future per item, ran out of memory after
     * 14 336 such items and lost the rest.
     */
    @Test
    void aShardOfManyLargeOutputsRunsInASmallHeap() throws Exception {
        int total = 20_000;
        Path output = dir.resolve("4k");
        Files.writeString(output, "x".repeat(4096));
        Path task = task(new PodTask(List.of("head", "-c", "4096", output.toString()), null, 0, null, 0L, total,
                null));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), RunnerMain.class.getName(),
                "--task", task.toString(), "--threads", "4"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr").toFile()).start();
        java.util.BitSet reported = new java.util.BitSet(total);
        int lines = 0;
        ReportLine last = null;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                last = ReportLine.parse(line);
                lines++;
                if (last != null && last.item() != null) {
                    assertThat(last.item().output()).hasSize(4096);
                    reported.set(last.item().index());
                }
            }
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.printf("20000 items of 4 KiB output with -Xmx64m: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("stderr"))).isZero();
        assertThat(reported.cardinality()).as("every item reported").isEqualTo(total);
        assertThat(lines).isEqualTo(total + 1);
        assertThat(last.done()).isEqualTo(new ReportLine.ShardDone(0, total, 0));
    }

    @Test
    void aMissingTaskFileExitsTwo() throws Exception {
        Result r = runner("--task", dir.resolve("nope.json").toString(), "--shard", "0", "--shards", "1");

        assertThat(r.exit()).isEqualTo(RunnerMain.EXIT_BAD_TASK);
        assertThat(r.stderr()).contains("task file not found").contains("nope.json");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void badArgumentsExitTwoWithTheUsage() throws Exception {
        Path task = echoTask(4);
        for (List<String> bad : List.of(List.of("--shard", "0"), List.of("--task", task.toString(), "--shard", "2",
                "--shards", "2"), List.of("--task", task.toString(), "--threads", "many"),
                List.of("--task", task.toString(), "--only", IndexRanges.format(List.of(3, 4))))) {
            Result r = runner(bad.toArray(String[]::new));
            assertThat(r.exit()).as(bad.toString()).isEqualTo(RunnerMain.EXIT_BAD_TASK);
            assertThat(r.stdout()).as(bad.toString()).isEmpty();
            assertThat(r.stderr()).as(bad.toString()).startsWith("runner: ");
        }
    }

    @Test
    void reportLinesRoundTripAndStrayLinesAreIgnored() {
        ItemRun run = new ItemRun(3, "x", null, "", null, "cannot start y", 1000, 2, null, 1, 0);
        assertThat(ReportLine.parse(new ReportLine(run, null).toJson()).item()).isEqualTo(run);
        assertThat(ReportLine.parse("hello from a stray print")).isNull();
        assertThat(ReportLine.parse("{not json")).isNull();
        assertThat(ReportLine.parse(null)).isNull();
    }
}
