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
        try (var in = new FileInputStream("crds/paralleljobs.paralleljob.io-v1.yml")) {
            server.getClient().load(in).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
