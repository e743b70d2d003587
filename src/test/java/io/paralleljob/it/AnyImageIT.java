package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.paralleljob.deploy.Tools;
import io.paralleljob.model.PodTask;
import io.paralleljob.model.ReportLine;
import io.paralleljob.operator.pods.WorkerPodFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner starts in images that have a musl libc, or no libc and no shell at all, with exactly
 * the command the operator puts in worker pods: each image is a root file system of the family
 * (scripts/image-families.sh) with the runner copied to /pj as the init container does, entered
 * with chroot as a container runtime would. Nothing of this machine's glibc is reachable inside.
 */
class AnyImageIT {
    static final Path FAMILIES = Path.of("target/image-families").toAbsolutePath();

    @BeforeAll
    static void buildRunnerAndImages() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "chroot and bind mounts need root; the build machines run as root");
        Tools.run(List.of("scripts/runner-dist.sh"));
        Tools.run(List.of("scripts/image-families.sh"));
    }

    @Test
    void aMuslImageWithBusyboxRunsShellAndMuslItems() throws Exception {
        assertEquals(List.of("0=got a", "1=got b", "2=got c"),
                outputs("musl-busybox", List.of("sh", "-c", "echo got $PJ_ITEM")));
        assertEquals(List.of("0=item 0=a", "1=item 1=b", "2=item 2=c"), outputs("musl-busybox", List.of("/item")));
    }

    @Test
    void anImageWithNoLibcAndNoShellRunsAStaticItem() throws Exception {
        assertEquals(List.of("0=item 0=a", "1=item 1=b", "2=item 2=c"), outputs("static-none", List.of("/item")));
    }

    /** Runs items a, b, c in the image's root with the pod's command; "index=output", sorted. */
    private static List<String> outputs(String family, List<String> argv) throws Exception {
        Path root = FAMILIES.resolve(family);
        Tools.run(List.of("rm", "-rf", root.resolve("pj").toString(), root.resolve("pj-task").toString()));
        Tools.run(List.of("cp", "-R", "target/runner-dist/.", root.resolve("pj") + "/"));
        Files.createDirectories(root.resolve("pj-task"));
        ReportLine.JSON.writeValue(root.resolve("pj-task/task.json").toFile(),
                new PodTask(argv, null, 0, List.of("a", "b", "c"), null, 3, null));
        List<String> cmd = new ArrayList<>(List.of("chroot", root.toString()));
        cmd.addAll(WorkerPodFactory.runnerCommand());
        cmd.addAll(List.of("--task", "/pj-task/task.json", "--threads", "2", "--report-file", "/termination-log"));
        Tools.run(List.of("mount", "--bind", "/proc", root.resolve("proc").toString()));
        Tools.run(List.of("mount", "--bind", "/dev", root.resolve("dev").toString()));
        String out;
        try {
            out = Tools.run(cmd);
        } finally {
            Tools.run(List.of("umount", root.resolve("proc").toString()));
            Tools.run(List.of("umount", root.resolve("dev").toString()));
        }
        List<ReportLine> lines = out.lines().map(ReportLine::parse).filter(Objects::nonNull).toList();
        ReportLine.ShardDone done = lines.get(lines.size() - 1).done();
        assertNotNull(done, family + ": the runner ended with its summary: " + out);
        assertEquals(0, done.failed(), family + ": " + out);
        return lines.stream().filter(l -> l.item() != null).map(l -> l.item().index() + "=" + l.item().output())
                .sorted().toList();
    }
}
