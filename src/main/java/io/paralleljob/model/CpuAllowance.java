package io.paralleljob.model;

/**
 * The CPU the items could have where they ran, as the runner read it there: what explains a
 * CPU-starved run ("8 items ran at once on 1 CPU", "the CPU limit of 0.5 CPU").
 *
 * @param cpus        CPUs the runner may run on (its CPU affinity: taskset, cpuset), or null when unknown
 * @param limitCpus   the CPU quota of the runner's cgroup in CPUs (a pod's limits.cpu), or null when none
 * @param limitSource where the quota was read (e.g. "cgroup cpu.cfs_quota_us"), or null
 */
public record CpuAllowance(Integer cpus, Double limitCpus, String limitSource) {
    public static final CpuAllowance UNKNOWN = new CpuAllowance(null, null, null);
}
