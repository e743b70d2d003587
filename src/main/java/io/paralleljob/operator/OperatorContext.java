package io.paralleljob.operator;

/** What every reconciliation shares: settings, the pod builder, cached pod reports and the event recorder. */
record OperatorContext(OperatorSettings settings, WorkerPodFactory pods, PodReports reports, EventRecorder events) {
}
