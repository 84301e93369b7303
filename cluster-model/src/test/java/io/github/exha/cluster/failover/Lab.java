package io.github.exha.cluster.failover;

import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A test world: one kernel, one cluster over scripted types and Generic Service. */
final class Lab {
    static final Instant START = Instant.parse("2008-03-01T00:00:00Z");

    final Kernel kernel;
    final ScriptedType app = new ScriptedType("App");
    final GenericServiceType service = new GenericServiceType();
    final FailoverCluster cluster;

    Lab(long seed, ClusterVersion version, String... nodes) {
        this(seed, START, version, nodes);
    }

    Lab(long seed, Instant start, ClusterVersion version, String... nodes) {
        kernel = Kernel.create("lab", seed, start);
        cluster = new FailoverCluster("CLUSTER1", kernel, ResourceTypeRegistry.of(app, service), version);
        for (String node : nodes) {
            cluster.addNode(node);
        }
    }

    static Lab of(String... nodes) {
        return new Lab(1, ClusterVersion.WINDOWS_2003, nodes);
    }

    <T> T await(Operation<T> operation) {
        return kernel.operations().await(operation);
    }

    void run(Duration duration) {
        kernel.scheduler().runFor(duration);
    }

    ResourceState state(String resource) {
        return cluster.resource(resource).state();
    }

    GroupState groupState(String group) {
        return cluster.group(group).state();
    }

    String owner(String group) {
        return cluster.group(group).ownerNode().orElse("");
    }

    /** A group of App resources in a chain: each depends on the one before. */
    void chain(String group, String... resources) {
        cluster.createGroup(group);
        for (int i = 0; i < resources.length; i++) {
            cluster.createResource(group, resources[i], "App");
            if (i > 0) {
                cluster.addDependency(resources[i], resources[i - 1]);
            }
        }
    }

    List<io.github.exha.core.kernel.JournalEntry> events(int eventId) {
        return kernel.journal().entries().stream()
                .filter(e -> Integer.toString(eventId).equals(e.attribute("eventId"))).toList();
    }
}
