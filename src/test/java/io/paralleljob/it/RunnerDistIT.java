package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.deploy.Tools;
import io.paralleljob.model.PodTask;
import io.paralleljob.model.ReportLine;
import io.paralleljob.operator.pods.WorkerPodFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained runner that worker pods get (scripts/runner-dist.sh: a jlink'd runtime with
 * two modules, four jars, and the C library and loader it starts through) runs a shard with exactly
 * the command line the operator puts in pods.
 */
class RunnerDistIT {
    static final Path DIST = Path.of("target/runner-dist");

    @TempDir
    Path dir;

    @Test
    void jlinkRuntimeRunsAShardAsAPodWould() throws Exception {
        Tools.run(List.of("scripts/runner-dist.sh"));
        List<ReportLine> lines = runWorker("--shard", "1", "--shards", "2", "--threads", "2");

        List<String> outputs = lines.stream().filter(l -> l.item() != null).map(l -> l.item().index() + "=" + l.item().output())
                .sorted().toList();
        assertEquals(List.of("1=got b", "3=got d"), outputs, "shard 1 of 2 owns items 1 and 3");
        ReportLine.ShardDone done = lines.get(lines.size() - 1).done();
        assertNotNull(done, "the closing summary is the last line");
        assertEquals(2, done.items());
        String termination = Files.readString(dir.resolve("termination-log"));
        assertEquals(done, ReportLine.parse(termination).done(), "the termination message holds the summary");
        assertTrue(termination.length() < 4096, "Kubernetes keeps at most 4 KiB of a termination message");
    }

    @Test
    void probeModeMeasuresTheThreeWaySplitWithTheJlinkRuntime() throws Exception {
        Tools.run(List.of("scripts/runner-dist.sh"));
        List<ReportLine> lines = runWorker("--only", "0-3", "--threads", "0");
        List<ReportLine> items = lines.stream().filter(l -> l.item() != null).toList();
        assertEquals(4, items.size());
        for (ReportLine l : items) {
            assertNotNull(l.item().cpuMillis(), "CPU time is measured: " + l.toJson());
            assertNotNull(l.item().cpuWaitMillis(), "CPU wait is measured: " + l.toJson());
            assertTrue(l.item().cpuWaitMillis() >= 0 && l.item().cpuWaitMillis() <= l.item().durationMillis(),
                    l.toJson());
        }
    }

    private List<ReportLine> runWorker(String... selection) throws Exception {
        Path task = dir.resolve("task.json");
        ReportLine.JSON.writeValue(task.toFile(), new PodTask(List.of("sh", "-c", "echo got $PJ_ITEM"), null, 0,
                List.of("a", "b", "c", "d"), null, 4, null));
        List<String> cmd = new ArrayList<>();
        // The pod's own command line, loader included, with the init container's /pj being DIST.
        for (String part : WorkerPodFactory.runnerCommand()) {
            cmd.add(part.startsWith(WorkerPodFactory.RUNNER_DIR + "/")
                    ? DIST.toAbsolutePath() + part.substring(WorkerPodFactory.RUNNER_DIR.length()) : part);
        }
        cmd.addAll(List.of("--task", task.toString()));
        cmd.addAll(List.of(selection));
        cmd.addAll(List.of("--report-file", dir.resolve("termination-log").toString()));
        String out = Tools.run(cmd);
        return out.lines().map(ReportLine::parse).filter(Objects::nonNull).toList();
    }
}
