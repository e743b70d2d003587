package io.paralleljob.runner;

import io.paralleljob.model.ShardTask;

import io.paralleljob.model.CommandTemplate;

import io.paralleljob.model.ReportLine;

import io.paralleljob.model.ItemRun;

import io.paralleljob.model.WorkItem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker entry ({@code runner TASK.json}) as a worker pod runs it: a JVM writing a JSON Lines report. */
class RunnerMainTest {
    @TempDir
    Path dir;

    private record Result(int exit, List<String> stdout, String stderr) {
    }

    private Result runner(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.paralleljob.Main", "runner"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out.lines().toList(), Files.readString(dir.resolve("stderr")));
    }

    @Test
    void aShardReportsEveryItemThenASummary() throws Exception {
        ShardTask task = new ShardTask(5, 2, 0, new CommandTemplate(List.of("sh", "-c",
                "echo \"$PREFIX-$PJ_ITEM\"; [ $PJ_ITEM != b ]"), Map.of("PREFIX", "p"), null),
                List.of(new WorkItem(10, "a"), new WorkItem(11, "b"), new WorkItem(12, "c")));
        Path taskFile = dir.resolve("task.json");
        ReportLine.JSON.writeValue(taskFile.toFile(), task);

        Result r = runner(taskFile.toString());

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).hasSize(4);
        List<ItemRun> items = r.stdout().subList(0, 3).stream().map(ReportLine::parse).map(ReportLine::item).toList();
        assertThat(items).extracting(ItemRun::index).containsExactlyInAnyOrder(10, 11, 12);
        assertThat(items).allSatisfy(i -> assertThat(i.shard()).isEqualTo(5));
        assertThat(items).as("the CPU wait crosses the process boundary")
                .allSatisfy(i -> assertThat(i.cpuWaitMillis()).isNotNull());
        assertThat(items).filteredOn(i -> i.index() == 12).singleElement()
                .satisfies(i -> assertThat(i.output()).isEqualTo("p-c"));
        assertThat(items).filteredOn(i -> i.index() == 11).singleElement()
                .satisfies(i -> assertThat(i.exitCode()).isEqualTo(1));
        ReportLine.ShardDone done = ReportLine.parse(r.stdout().get(3)).done();
        assertThat(done).isEqualTo(new ReportLine.ShardDone(5, 3, 1));
    }

    @Test
    void aMissingTaskFileExitsTwo() throws Exception {
        Result r = runner(dir.resolve("nope.json").toString());

        assertThat(r.exit()).isEqualTo(RunnerMain.EXIT_BAD_TASK);
        assertThat(r.stderr()).contains("task file not found").contains("nope.json");
        assertThat(r.stdout()).isEmpty();
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
