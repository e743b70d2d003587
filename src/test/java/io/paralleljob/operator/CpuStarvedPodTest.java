package io.paralleljob.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.Timing;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a cluster does to CPU-bound Threads: four computing items as threads of one pod limited to
 * 500m share half a CPU. The status must say so (CPUStarved) instead of reporting the four items
 * in flight as a speed-up. The test kubelet enforces the limit with a CPU cgroup.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class CpuStarvedPodTest extends OperatorTestBase {
    private static final String BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass";

    @Test
    void computingThreadsInAPodWithHalfACpuAreStarvedNotFast() throws Exception {
        assumeTrue(PodCpuLimits.available(), "skipped: " + PodCpuLimits.CONTROLLER
                + " is not a writable cgroup v1 CPU controller, so the test kubelet cannot enforce limits.cpu");
        // python itself, not a launcher in front of it (see PinnedTimingTest)
        Process which = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String python = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        ParallelJob job = job("halfcpu", "IOBound", 4, 4, python, "-c", BURN);
        job.getSpec().getTemplate().setResources(new ResourceRequirementsBuilder()
                .addToLimits("cpu", new Quantity("500m")).build());

        create(job);
        ParallelJob done = awaitPhase("halfcpu", "Succeeded");

        assertThat(startedPods("halfcpu")).isEqualTo(List.of("halfcpu-0-0"));
        Timing t = done.getStatus().getTiming();
        String figures = io.fabric8.kubernetes.client.utils.Serialization.asJson(t);
        assertThat(t.isCpuWaitMeasured()).isTrue();
        assertThat(t.getConcurrency()).as("four items in flight: " + figures).isGreaterThan(2.5);
        assertThat(t.getSpeedup()).as("half a CPU gains nothing: " + figures).isLessThanOrEqualTo(1.3);
        Condition starved = done.getStatus().getConditions().stream().filter(c -> c.getType().equals("CPUStarved"))
                .findFirst().orElseThrow(() -> new AssertionError("no CPUStarved in " + done.getStatus().getConditions()));
        assertThat(starved.getStatus()).isEqualTo("True");
        assertThat(starved.getMessage()).contains("waiting for a CPU").contains("Pods")
                .contains("the CPU limit of 0.5 CPU");
        assertThat(starved.getReason()).isEqualTo("CPULimit");
        System.out.println("4 computing threads in a 500m pod: " + figures + "\n  " + starved.getMessage());
    }
}
