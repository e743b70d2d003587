package io.paralleljob.runner;

import io.paralleljob.model.CpuAllowance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the CPU this process may use: its CPU affinity (/proc/self/status) and the CPU quota of
 * its cgroup and the cgroup's ancestors (v1 cpu.cfs_quota_us / cpu.cfs_period_us, v2 cpu.max).
 * Children inherit both, so this is also what the items got. Only read to explain figures, never
 * to compute them.
 */
public final class CpuLimits {
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private CpuLimits() {
    }

    public static CpuAllowance here() {
        Integer cpus = affinityCpus(read(Path.of("/proc/self/status")));
        String membership = read(Path.of("/proc/self/cgroup"));
        Quota quota = membership == null ? null : quota(membership, CGROUP_ROOT);
        return new CpuAllowance(cpus, quota == null ? null : quota.cpus(), quota == null ? null : quota.source());
    }

    record Quota(double cpus, String source) {
    }

    /** From /proc/self/status's "Cpus_allowed_list: 0-3,6" the count (5), or null. */
    static Integer affinityCpus(String status) {
        if (status == null) {
            return null;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) {
                int n = 0;
                for (String range : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                    String[] ends = range.trim().split("-");
                    try {
                        n += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                return n > 0 ? n : null;
            }
        }
        return null;
    }

    /** The tightest quota over the cgroup and its ancestors (a parent's limit binds its children too). */
    static Quota quota(String membership, Path root) {
        Quota best = null;
        for (String line : membership.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            Quota q;
            if (f[0].equals("0") && f[1].isEmpty()) {
                q = tightest(root, f[2], CpuLimits::v2);
            } else if (List.of(f[1].split(",")).contains("cpu")) {
                q = tightest(root.resolve(f[1]), f[2], CpuLimits::v1);
                if (q == null) {
                    q = tightest(root.resolve("cpu"), f[2], CpuLimits::v1);
                }
            } else {
                continue;
            }
            if (q != null && (best == null || q.cpus() < best.cpus())) {
                best = q;
            }
        }
        return best;
    }

    private interface Reader {
        Quota at(Path dir);
    }

    /**
     * Walks from the process's cgroup up to the mount's root. In a container without a cgroup
     * namespace the path in /proc/self/cgroup is the host's and does not exist under the mount:
     * then the mount's root is the container's own cgroup and is read alone.
     */
    private static Quota tightest(Path mount, String cgroupPath, Reader reader) {
        if (!Files.isDirectory(mount)) {
            return null;
        }
        Path dir = mount.resolve(cgroupPath.replaceFirst("^/+", ""));
        if (!Files.isDirectory(dir)) {
            dir = mount;
        }
        Quota best = null;
        for (Path d = dir; d != null && d.startsWith(mount); d = d.getParent()) {
            Quota q = reader.at(d);
            if (q != null && (best == null || q.cpus() < best.cpus())) {
                best = q;
            }
        }
        return best;
    }

    private static Quota v1(Path dir) {
        String quota = read(dir.resolve("cpu.cfs_quota_us"));
        String period = read(dir.resolve("cpu.cfs_period_us"));
        return ratio(quota, period, "cgroup cpu.cfs_quota_us");
    }

    private static Quota v2(Path dir) {
        String max = read(dir.resolve("cpu.max"));
        if (max == null) {
            return null;
        }
        String[] f = max.trim().split("\\s+");
        return f.length == 2 ? ratio(f[0], f[1], "cgroup cpu.max") : null;
    }

    private static Quota ratio(String quota, String period, String source) {
        if (quota == null || period == null) {
            return null;
        }
        try {
            long q = Long.parseLong(quota.trim());
            long p = Long.parseLong(period.trim());
            return q > 0 && p > 0 ? new Quota((double) q / p, source) : null;
        } catch (NumberFormatException e) {
            return null; // "max": no quota
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
