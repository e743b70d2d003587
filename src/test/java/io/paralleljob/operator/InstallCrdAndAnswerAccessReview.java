package io.paralleljob.operator;

import io.quarkus.test.kubernetes.client.KubernetesServer;

/**
 * For applications with leader election: the Java Operator SDK first asks the API server what it
 * may do with Leases (a SelfSubjectRulesReview, allowed to every user by Kubernetes' default
 * system:basic-user role). The mock server cannot evaluate one, so it answers as a cluster would
 * for the chart's leader-election Role.
 */
public class InstallCrdAndAnswerAccessReview extends InstallCrd {
    @Override
    public void accept(KubernetesServer server) {
        super.accept(server);
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews").andReturn(201, """
                {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview",
                 "spec": {"namespace": "%s"},
                 "status": {"incomplete": false, "nonResourceRules": [], "resourceRules": [
                   {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get", "create", "update", "patch"]}]}}
                """.formatted(WithLeaderElection.LEASE_NAMESPACE)).always();
    }
}
