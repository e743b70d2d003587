package io.paralleljob.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.paralleljob.api.ItemRange;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.operator.config.OperatorSettings;
import io.paralleljob.operator.pods.WorkerPodFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker pod as the cluster will see it: the restricted Pod Security profile, no token, the runner wiring. */
class WorkerPodFactoryTest {
    static final OperatorSettings SETTINGS = new OperatorSettings() {
        public String runnerImage() { return "paralleljob/runner:0.1.0"; }
        public Optional<List<String>> runnerImagePullSecrets() { return Optional.of(List.of("runner-pull", "registry")); }
        public boolean keepFinishedPods() { return false; }
        public long statusIntervalMillis() { return 1000; }
        public long workerRunAsUser() { return 65532; }
        public int progressMaxFollowedPods() { return 100; }
        public boolean allowSecretEnv() { return false; }
        public Worker worker() {
            return new Worker() {
                public String cpuRequest() { return "250m"; }
                public String memoryRequest() { return "256Mi"; }
                public Optional<String> cpuLimit() { return Optional.empty(); }
                public String memoryLimit() { return "1Gi"; }
            };
        }
        public Lease leaderElection() { throw new UnsupportedOperationException(); }
    };

    static Pod pod() {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName("primes").withNamespace("ns").withUid("u-1").build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setRange(new ItemRange(0L, 10L));
        WorkerTemplate t = new WorkerTemplate();
        t.setImage("python:3.12-slim");
        t.setCommand(List.of("python3", "-c", "print(1)"));
        t.setEnv(List.of(new EnvVarBuilder().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("key", "s", false)
                .endValueFrom().build()));
        spec.setTemplate(t);
        job.setSpec(spec);
        return new WorkerPodFactory(SETTINGS).build(job, spec, "2", 1, List.of("--shard", "2", "--shards", "4"), 30L);
    }

    @Test
    void orphanedItemProcessesAreReapedByThePodNotLeftAsZombies() {
        assertEquals(Boolean.TRUE, pod().getSpec().getShareProcessNamespace(),
                "the pause process is PID 1 and reaps orphans; a runner as PID 1 would leave zombies");
    }

    @Test
    void meetsTheRestrictedPodSecurityProfile() {
        Pod pod = pod();
        var spec = pod.getSpec();
        assertEquals(Boolean.FALSE, spec.getAutomountServiceAccountToken(), "no API token in worker pods");
        assertTrue(spec.getSecurityContext().getRunAsNonRoot());
        assertEquals(65532L, spec.getSecurityContext().getRunAsUser());
        assertEquals("RuntimeDefault", spec.getSecurityContext().getSeccompProfile().getType());
        assertNull(spec.getHostNetwork());
        assertNull(spec.getHostPID());
        assertNull(spec.getHostIPC());
        for (Volume v : spec.getVolumes()) {
            assertTrue(v.getEmptyDir() != null || v.getConfigMap() != null, "only emptyDir and configMap volumes: " + v);
        }
        List<Container> all = new ArrayList<>(spec.getInitContainers());
        all.addAll(spec.getContainers());
        assertEquals(2, all.size());
        for (Container c : all) {
            SecurityContext sc = c.getSecurityContext();
            assertFalse(sc.getAllowPrivilegeEscalation(), c.getName());
            assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), c.getName());
            assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), c.getName());
            assertTrue(sc.getRunAsNonRoot(), c.getName());
            assertNull(sc.getPrivileged(), c.getName());
            assertNotNull(c.getResources().getLimits().get("memory"), c.getName() + " has a memory limit");
        }
    }

    @Test
    void runsTheCopiedRunnerInTheUsersImage() {
        Pod pod = pod();
        assertEquals("primes-2-1", pod.getMetadata().getName());
        assertEquals(List.of(Labels.RESULT_FINALIZER), pod.getMetadata().getFinalizers());
        assertEquals("u-1", pod.getMetadata().getOwnerReferences().get(0).getUid());
        assertTrue(pod.getMetadata().getOwnerReferences().get(0).getController());
        assertEquals("primes", pod.getMetadata().getLabels().get(Labels.JOB));
        assertEquals("2", pod.getMetadata().getLabels().get(Labels.SHARD));
        assertEquals("Never", pod.getSpec().getRestartPolicy());
        assertEquals(30L, pod.getSpec().getActiveDeadlineSeconds());
        Container init = pod.getSpec().getInitContainers().get(0);
        assertEquals("paralleljob/runner:0.1.0", init.getImage());
        Container worker = pod.getSpec().getContainers().get(0);
        assertEquals("python:3.12-slim", worker.getImage(), "the user's image, not a rebuilt one");
        assertEquals(WorkerPodFactory.runnerCommand(), worker.getCommand());
        assertEquals(io.paralleljob.runner.RunnerMain.class.getName(), worker.getCommand().get(worker.getCommand().size() - 1),
                "the runner's own entry, the one local runner processes start too");
        assertEquals(List.of("--task", "/pj-task/task.json", "--shard", "2", "--shards", "4", "--report-file",
                "/dev/termination-log"), worker.getArgs());
        assertEquals("s", worker.getEnv().get(0).getValueFrom().getSecretKeyRef().getName(),
                "env references reach the container, where the kubelet resolves them");
        assertEquals("250m", worker.getResources().getRequests().get("cpu").toString());
        assertEquals("FallbackToLogsOnError", worker.getTerminationMessagePolicy(),
                "a runner that dies before its summary leaves its log's tail in the pod's status");
    }

    /** The runner's heap follows the container's memory limit, so the items' processes keep the rest. */
    @Test
    void theWorkersHeapFollowsItsMemoryLimit() {
        assertTrue(pod().getSpec().getContainers().get(0).getCommand().contains("-XX:MaxRAMPercentage=25"),
                "the default resources have a memory limit");
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName("nolimit").withNamespace("ns").withUid("u-2").build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setRange(new ItemRange(0L, 10L));
        WorkerTemplate t = new WorkerTemplate();
        t.setCommand(List.of("true"));
        t.setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("1")).build());
        spec.setTemplate(t);
        List<String> cmd = new WorkerPodFactory(SETTINGS).build(job, spec, "0", 0, List.of(), null).getSpec()
                .getContainers().get(0).getCommand();
        assertTrue(cmd.contains("-Xmx256m") && cmd.stream().noneMatch(f -> f.startsWith("-XX:MaxRAMPercentage")),
                "without a limit the JVM would size itself from the node: " + cmd);
    }

    @Test
    void theOperatorsPolicyRefusesSecretsAndNamesTheSetting() {
        var policy = io.paralleljob.operator.config.JobPolicy.forNewJobs(SETTINGS);
        assertFalse(policy.allowSecretEnv());
        assertTrue(policy.howToAllowSecretEnv().contains("paralleljob.allow-secret-env=true")
                && policy.howToAllowSecretEnv().contains("PARALLELJOB_ALLOW_SECRET_ENV")
                && policy.howToAllowSecretEnv().contains("worker.allowSecretEnv"), policy.howToAllowSecretEnv());
    }

    /** What batch/v1 Job users put on their pods reaches the worker pods, through the frozen (serialized) spec. */
    @Test
    void thePodFieldsBatchUsersNeedReachTheWorkerPods() {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName("placed").withNamespace("ns").withUid("u-3").build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setRange(new ItemRange(0L, 4L));
        WorkerTemplate t = new WorkerTemplate();
        t.setImage("python:3.12-slim");
        t.setCommand(List.of("python3", "work.py"));
        t.setNodeSelector(java.util.Map.of("pool", "batch"));
        t.setTolerations(List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey("batch")
                .withOperator("Exists").withEffect("NoSchedule").build()));
        t.setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
                .addNewMatchExpression().withKey("zone").withOperator("In").withValues("a").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
        t.setImagePullSecrets(List.of(new io.fabric8.kubernetes.api.model.LocalObjectReference("registry")));
        t.setPriorityClassName("batch-low");
        io.paralleljob.api.WorkerVolume data = new io.paralleljob.api.WorkerVolume();
        data.setName("data");
        data.setPersistentVolumeClaim(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource("inputs", true));
        t.setVolumes(List.of(data));
        t.setVolumeMounts(List.of(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("data")
                .withMountPath("/data").withReadOnly(true).build()));
        io.paralleljob.api.WorkerPodMetadata meta = new io.paralleljob.api.WorkerPodMetadata();
        meta.setLabels(java.util.Map.of("team", "search"));
        meta.setAnnotations(java.util.Map.of("cost-centre", "42"));
        t.setMetadata(meta);
        spec.setTemplate(t);
        job.setSpec(spec);
        ParallelJobSpec frozen = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                io.fabric8.kubernetes.client.utils.Serialization.asJson(spec), ParallelJobSpec.class);

        Pod pod = new WorkerPodFactory(SETTINGS).build(job, frozen, "0", 0, List.of(), null);

        var podSpec = pod.getSpec();
        assertEquals(java.util.Map.of("pool", "batch"), podSpec.getNodeSelector());
        assertEquals("batch", podSpec.getTolerations().get(0).getKey());
        assertEquals("zone", podSpec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getKey());
        // The template's own, then the operator's for the runner image, each once.
        assertEquals(List.of("registry", "runner-pull"),
                podSpec.getImagePullSecrets().stream().map(r -> r.getName()).toList());
        assertEquals("batch-low", podSpec.getPriorityClassName());
        assertEquals(List.of("runner", "task", "data"), podSpec.getVolumes().stream().map(Volume::getName).toList());
        assertEquals("inputs", podSpec.getVolumes().get(2).getPersistentVolumeClaim().getClaimName());
        Container worker = podSpec.getContainers().get(0);
        assertEquals(List.of("/pj", "/pj-task", "/data"), worker.getVolumeMounts().stream()
                .map(io.fabric8.kubernetes.api.model.VolumeMount::getMountPath).toList());
        assertEquals("search", pod.getMetadata().getLabels().get("team"));
        assertEquals("placed", pod.getMetadata().getLabels().get(Labels.JOB), "the operator's labels stay");
        assertEquals("42", pod.getMetadata().getAnnotations().get("cost-centre"));
        assertEquals(Boolean.FALSE, podSpec.getAutomountServiceAccountToken(), "still the restricted profile");
        assertNull(podSpec.getInitContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("data")).findFirst().orElse(null), "the installer mounts only the runner");
    }
}
