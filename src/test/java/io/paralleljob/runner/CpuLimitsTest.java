package io.paralleljob.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuLimitsTest {
    @TempDir
    Path root;

    @Test
    void affinityListsAreCounted() {
        assertThat(CpuLimits.affinityCpus("Name:\tjava\nCpus_allowed:\t3\nCpus_allowed_list:\t0-3,6\n")).isEqualTo(5);
        assertThat(CpuLimits.affinityCpus("Cpus_allowed_list:\t0\n")).isEqualTo(1);
        assertThat(CpuLimits.affinityCpus("Name:\tjava\n")).isNull();
    }

    @Test
    void aV1QuotaAnywhereUpTheTreeBinds() throws Exception {
        Path pod = Files.createDirectories(root.resolve("cpu/kubepods/pod1/ctr"));
        Files.writeString(root.resolve("cpu/kubepods/cpu.cfs_quota_us"), "-1\n");
        Files.writeString(root.resolve("cpu/kubepods/cpu.cfs_period_us"), "100000\n");
        Files.writeString(root.resolve("cpu/kubepods/pod1/cpu.cfs_quota_us"), "50000\n");
        Files.writeString(root.resolve("cpu/kubepods/pod1/cpu.cfs_period_us"), "100000\n");
        Files.writeString(pod.resolve("cpu.cfs_quota_us"), "-1\n");
        Files.writeString(pod.resolve("cpu.cfs_period_us"), "100000\n");

        CpuLimits.Quota q = CpuLimits.quota("4:memory:/kubepods/pod1/ctr\n1:cpu:/kubepods/pod1/ctr\n", root);

        assertThat(q.cpus()).isEqualTo(0.5);
        assertThat(q.source()).isEqualTo("cgroup cpu.cfs_quota_us");
    }

    @Test
    void aV2CpuMaxIsRead() throws Exception {
        Path pod = Files.createDirectories(root.resolve("kubepods.slice/pod2"));
        Files.writeString(pod.resolve("cpu.max"), "250000 100000\n");
        Files.writeString(root.resolve("kubepods.slice/cpu.max"), "max 100000\n");

        CpuLimits.Quota q = CpuLimits.quota("0::/kubepods.slice/pod2\n", root);

        assertThat(q.cpus()).isEqualTo(2.5);
        assertThat(q.source()).isEqualTo("cgroup cpu.max");
    }

    @Test
    void noQuotaIsNoLimit() throws Exception {
        Files.createDirectories(root.resolve("cpu"));
        Files.writeString(root.resolve("cpu/cpu.cfs_quota_us"), "-1\n");
        Files.writeString(root.resolve("cpu/cpu.cfs_period_us"), "100000\n");

        assertThat(CpuLimits.quota("1:cpu:/\n", root)).isNull();
        assertThat(CpuLimits.quota("0::/\n", root.resolve("nothing-here"))).isNull();
    }

    @Test
    void aHostPathInsideAContainerFallsBackToTheMountRoot() throws Exception {
        Files.createDirectories(root.resolve("cpu,cpuacct"));
        Files.writeString(root.resolve("cpu,cpuacct/cpu.cfs_quota_us"), "150000\n");
        Files.writeString(root.resolve("cpu,cpuacct/cpu.cfs_period_us"), "100000\n");

        CpuLimits.Quota q = CpuLimits.quota("3:cpu,cpuacct:/docker/0123abcd\n", root);

        assertThat(q.cpus()).isEqualTo(1.5);
    }
}
