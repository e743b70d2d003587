package io.paralleljob.aggregate;

import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Strategy;
import io.paralleljob.model.CpuAllowance;
import io.paralleljob.model.ItemRun;
import java.time.Instant;
import java.util.List;

/**
 * What is known about a job at one moment: what {@link StatusBuilder} builds status from.
 *
 * @param strategy  null while Auto is still measuring
 * @param decision  Auto's evidence, null for an explicit workload
 * @param finished  true once nothing more will run
 * @param failure   a job-level failure beyond item failures (deadline, interrupted), or null
 * @param startedAt when the job started (before any pod or process), or null
 * @param cpus      the CPU the items could have where they ran, to explain a CPU-starved run; null when unknown
 */
public record JobSnapshot(
        Long generation,
        int total,
        List<ItemRun> runs,
        Strategy strategy,
        AutoDecision decision,
        boolean finished,
        JobFailure failure,
        Instant now,
        Instant startedAt,
        CpuAllowance cpus) {

    /** Where the items' CPU is not known. */
    public JobSnapshot(Long generation, int total, List<ItemRun> runs, Strategy strategy, AutoDecision decision,
            boolean finished, JobFailure failure, Instant now, Instant startedAt) {
        this(generation, total, runs, strategy, decision, finished, failure, now, startedAt, null);
    }

    /** Without a known start: the first item's start stands for it. */
    public JobSnapshot(Long generation, int total, List<ItemRun> runs, Strategy strategy, AutoDecision decision,
            boolean finished, JobFailure failure, Instant now) {
        this(generation, total, runs, strategy, decision, finished, failure, now, null, null);
    }

    /** Why a job failed as a whole, in Kubernetes' reason/message form. */
    public record JobFailure(String reason, String message) {
        /**
         * The command could not be started (not found, not executable, no such working
         * directory): the job stops at the first such item instead of failing every item the same way.
         *
         * @param image the worker image, or null locally
         */
        public static JobFailure commandCannotStart(io.paralleljob.model.ItemRun first, String image) {
            return new JobFailure("CommandNotFound", "item " + first.index() + ": " + first.error()
                    + (image == null ? "" : " in image " + image) + "; the job stopped instead of running every item "
                    + "the same way. Check spec.template.command" + (image == null ? " and the PATH"
                    : " and that the image has the program") + " (and spec.template.workingDir)");
        }
    }
}
