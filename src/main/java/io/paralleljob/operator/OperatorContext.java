package io.paralleljob.operator;

/** What every reconciliation shares: settings, the pod builder, pod reports, live progress and the event recorder. */
record OperatorContext(OperatorSettings settings, WorkerPodFactory pods, PodReports reports, LiveProgress progress,
        EventRecorder events, OperatorMetrics metrics, StatusWriter statuses) {
}
