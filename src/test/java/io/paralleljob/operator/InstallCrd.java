package io.paralleljob.operator;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Mock server set-up: install the committed CRD, as `kubectl apply -f crds/` does before the operator starts. */
public class InstallCrd implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
        // Its own user agent: RbacTest counts every request that is not a test's as the operator's.
        var config = new io.fabric8.kubernetes.client.ConfigBuilder(server.getClient().getConfiguration())
                .withUserAgent("test-setup").build();
        try (var in = new FileInputStream("crds/paralleljobs.paralleljob.io-v1.yml");
                var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
            client.load(in).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
