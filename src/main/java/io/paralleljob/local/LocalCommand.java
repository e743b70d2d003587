package io.paralleljob.local;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.paralleljob.model.CommandTemplate;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.JobPlan;
import java.util.LinkedHashMap;
import java.util.Map;

/** The plan's command as this machine runs it: env values must be literal, there is no Secret to read. */
final class LocalCommand {
    private LocalCommand() {
    }

    static CommandTemplate of(JobPlan plan) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < plan.env().size(); i++) {
            EnvVar var = plan.env().get(i);
            if (var.getValueFrom() != null) {
                throw new InvalidSpecException("spec.template.env[" + i + "].valueFrom",
                        "references (secretKeyRef, configMapKeyRef, fieldRef) work only in a cluster; "
                                + "local mode needs a literal value");
            }
            env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
        }
        if (plan.workingDir() != null && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(plan.workingDir()))) {
            throw new InvalidSpecException("spec.template.workingDir", "no such directory on this machine: "
                    + plan.workingDir());
        }
        return new CommandTemplate(plan.argv(), env, plan.workingDir(), plan.itemTimeoutSeconds(), plan.delivery());
    }
}
