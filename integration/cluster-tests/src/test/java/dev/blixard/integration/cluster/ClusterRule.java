package dev.blixard.integration.cluster;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.junit.rules.ExternalResource;

/** Starts a {@link TestCluster} for a test and stops every node of it afterwards, whatever the test did. */
final class ClusterRule extends ExternalResource {
    private TestCluster cluster;

    /** Starts {@code size} members in {@code ROOT/name/} and waits until each is ready. */
    TestCluster start(String name, int size) throws IOException, InterruptedException {
        return start(name, size, Map.of());
    }

    /** As {@link #start(String, int)}, with more configuration files in every node's {@code etc/}. */
    TestCluster start(String name, int size, Map<String, String> etcFiles) throws IOException, InterruptedException {
        cluster = TestCluster.start(name, size, etcFiles);
        return cluster;
    }

    /** Defines the members without starting any ({@link TestCluster#define}); they are stopped after the test too. */
    TestCluster define(String name, int size, Map<String, String> etcFiles,
            Function<String, TestCluster.NodeHost> hosts) throws IOException {
        cluster = TestCluster.define(name, size, etcFiles, hosts);
        return cluster;
    }

    @Override
    protected void after() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
