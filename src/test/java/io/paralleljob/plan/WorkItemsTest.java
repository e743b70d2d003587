package io.paralleljob.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.api.Workload;
import io.paralleljob.model.PodTask;
import io.paralleljob.model.ReportLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A runner looks items up in the task file exactly as the planner does in the spec. */
class WorkItemsTest {

    private static JobPlan plan(WorkItems items) {
        return new JobPlan("j", Workload.CPUBound, 2, items, List.of("echo"), List.of(), null, 1, 3, null, 5L);
    }

    /** Through JSON, as the task file travels. */
    private static WorkItems throughTaskFile(JobPlan plan, Map<String, String> env) throws Exception {
        String json = ReportLine.JSON.writeValueAsString(plan.task(env));
        return WorkItems.from(ReportLine.JSON.readValue(json, PodTask.class));
    }

    @Test
    void anExplicitListReadsBackTheSame() throws Exception {
        WorkItems items = WorkItems.of(List.of("a", "007", ""));
        WorkItems back = throughTaskFile(plan(items), null);
        assertThat(back.size()).isEqualTo(3);
        assertThat(back.select(List.of(0, 1, 2))).isEqualTo(items.select(List.of(0, 1, 2)));
    }

    @Test
    void aRangeTravelsAsItsStartAndSize() throws Exception {
        JobPlan plan = plan(WorkItems.range(1_000_000_000_000L, 1_000_000));
        PodTask task = plan.task(null);
        assertThat(task.items()).isNull();
        assertThat(ReportLine.JSON.writeValueAsString(task)).hasSizeLessThan(200).doesNotContain("env");
        WorkItems back = throughTaskFile(plan, null);
        assertThat(back.get(999_999)).isEqualTo("1000000999999");
        assertThat(back.size()).isEqualTo(1_000_000);
    }

    @Test
    void localModesLiteralEnvTravelsInTheTask() throws Exception {
        PodTask task = ReportLine.JSON.readValue(ReportLine.JSON.writeValueAsString(
                plan(WorkItems.of(List.of("x"))).task(Map.of("MODE", "fast"))), PodTask.class);
        assertThat(task.command().env()).containsExactly(Map.entry("MODE", "fast"));
        assertThat(task.command().timeoutSeconds()).isEqualTo(5L);
        assertThat(task.retries()).isEqualTo(1);
    }
}
