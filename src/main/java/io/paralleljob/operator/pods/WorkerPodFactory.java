package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.Owner;
import io.paralleljob.operator.config.OperatorSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a worker pod, the pattern Argo's emissary and Tekton's entrypoint use: an init container
 * from the runner image copies a self-contained runner (a jlink'd Java runtime, its C library and
 * loader, and the runner's jars) into an emptyDir; the main container runs the user's image with that runner as its
 * command, the user's command reaching it through task.json. Pods meet the restricted Pod Security
 * profile and mount no service-account token.
 */
public final class WorkerPodFactory {
    public static final String RUNNER_DIR = "/pj";
    public static final String TASK_DIR = "/pj-task";
    public static final String RUNNER_JAVA = RUNNER_DIR + "/jre/bin/java";
    /**
     * The C library the runtime was built against, and its dynamic loader: the runtime starts
     * through it, so it uses nothing of the image's own libc (glibc, musl or none at all).
     */
    public static final String RUNNER_LIBC = RUNNER_DIR + "/libc";
    public static final String RUNNER_LOADER = RUNNER_LIBC + "/ld.so";
    public static final String RUNNER_CLASSPATH = RUNNER_DIR + "/lib/*";
    public static final String TERMINATION_LOG = "/dev/termination-log";
    public static final String WORKER_CONTAINER = "worker";

    private final OperatorSettings settings;

    public WorkerPodFactory(OperatorSettings settings) {
        this.settings = settings;
    }

    /**
     * @param spec        the frozen spec (from the task ConfigMap), never the live one
     * @param shardArgs   the worker's item selection (--only … or --shard … --shards …) and --threads
     * @param deadlineSec seconds left of spec.activeDeadlineSeconds, or null
     */
    public Pod build(ParallelJob job, ParallelJobSpec spec, String shard, int attempt, List<String> shardArgs,
            Long deadlineSec) {
        String name = job.getMetadata().getName();
        WorkerTemplate t = spec.getTemplate();
        ResourceRequirements resources = t.getResources() != null ? t.getResources() : defaultResources();
        List<String> args = new ArrayList<>(List.of("--task", TASK_DIR + "/" + TaskConfigMap.TASK_KEY));
        args.addAll(shardArgs);
        args.addAll(List.of("--report-file", TERMINATION_LOG));
        Container worker = new ContainerBuilder()
                .withName(WORKER_CONTAINER)
                .withImage(t.getImage())
                .withCommand(runnerCommand(hasMemoryLimit(resources)))
                .withArgs(args)
                .withEnv(t.getEnv())
                .withWorkingDir(t.getWorkingDir())
                .withResources(resources)
                .withTerminationMessagePath(TERMINATION_LOG)
                // A runner that ends normally writes its summary there; one that dies before (a JVM
                // that cannot start in the image) leaves it empty, and the kubelet then puts the
                // log's tail in the message, so the job's failure says what went wrong.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withSecurityContext(restricted())
                .addNewVolumeMount().withName("runner").withMountPath(RUNNER_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("task").withMountPath(TASK_DIR).withReadOnly(true).endVolumeMount()
                .addAllToVolumeMounts(PodFields.mounts(t))
                .build();
        Container installer = new ContainerBuilder()
                .withName("install-runner")
                .withImage(settings.runnerImage())
                .withCommand("cp", "-R", "/opt/paralleljob/.", RUNNER_DIR + "/")
                .withSecurityContext(restricted())
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("32Mi"))
                        .addToLimits("memory", new Quantity("64Mi")).build())
                .addNewVolumeMount().withName("runner").withMountPath(RUNNER_DIR).endVolumeMount()
                .build();
        PodBuilder pod = new PodBuilder()
                .withNewMetadata()
                .withName(Labels.podName(name, shard, attempt))
                .withNamespace(job.getMetadata().getNamespace())
                .addToLabels(Labels.JOB, name)
                .addToLabels(Labels.SHARD, shard)
                .addToLabels(Labels.ATTEMPT, Integer.toString(attempt))
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGER)
                .withOwnerReferences(Owner.reference(job))
                .withFinalizers(Labels.RESULT_FINALIZER)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                // The pod's pause process becomes PID 1 and reaps what items leave running in the
                // background; the runner (a JVM) cannot reap processes it did not start itself.
                .withShareProcessNamespace(true)
                .withActiveDeadlineSeconds(deadlineSec)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(settings.workerRunAsUser())
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withInitContainers(installer)
                .withContainers(worker)
                .addNewVolume().withName("runner").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("task").withNewConfigMap()
                .withName(Labels.taskConfigMapName(name)).endConfigMap().endVolume()
                .endSpec();
        return PodFields.apply(pod, t, settings.runnerImagePullSecrets().orElse(List.of())).build();
    }

    /** The worker container's command in a pod with a memory limit (the default resources have one). */
    public static List<String> runnerCommand() {
        return runnerCommand(true);
    }

    /**
     * The worker container's command: the runtime and jars the init container copied in. The
     * runner streams its results out and keeps none, so its heap depends on its threads, not its
     * items; what it must not do is take the memory the items' processes share with it in the
     * container. With a memory limit, the heap follows the container's cgroup limit: a quarter of
     * it (1 GiB gives 256 MiB), half in a container under 256 MiB where a quarter would not hold a
     * JVM's baseline. Without one the JVM would size its heap from the node's memory, so it gets a
     * fixed 256 MiB: what the default 1 GiB limit gives, and twice what local runner processes
     * (one thread each) get.
     */
    public static List<String> runnerCommand(boolean memoryLimit) {
        List<String> heap = memoryLimit ? List.of("-XX:MaxRAMPercentage=25", "-XX:MinRAMPercentage=50")
                : List.of("-Xmx256m");
        // --library-path applies to this process only (it is not LD_LIBRARY_PATH), so the items'
        // commands load the image's own libraries. VFORK: the default spawn of newer runtimes goes
        // through a helper program linked against the usual loader path, which a musl or
        // libc-free image does not have. No perf data: it writes to /tmp, which may not exist.
        List<String> cmd = new ArrayList<>(List.of(RUNNER_LOADER, "--library-path", RUNNER_LIBC, RUNNER_JAVA,
                "-Djdk.lang.Process.launchMechanism=VFORK", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto"));
        cmd.addAll(heap);
        cmd.addAll(List.of("-cp", RUNNER_CLASSPATH, "io.paralleljob.runner.RunnerMain"));
        return List.copyOf(cmd);
    }

    private static boolean hasMemoryLimit(ResourceRequirements r) {
        return r.getLimits() != null && r.getLimits().containsKey("memory");
    }

    private static SecurityContext restricted() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withRunAsNonRoot(true)
                .withCapabilities(new Capabilities(null, List.of("ALL")))
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    private ResourceRequirements defaultResources() {
        OperatorSettings.Worker w = settings.worker();
        ResourceRequirementsBuilder b = new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(w.cpuRequest()))
                .addToRequests("memory", new Quantity(w.memoryRequest()))
                .addToLimits("memory", new Quantity(w.memoryLimit()));
        w.cpuLimit().ifPresent(c -> b.addToLimits("cpu", new Quantity(c)));
        return b.build();
    }
}
