package io.github.exha.cluster.failover;

import java.util.Objects;

/**
 * Where a resource is active (online or pending), for checkers of "a resource is online on at most one node".
 *
 * @param resource the resource's name
 * @param group its group's name
 * @param node the node it is active on
 * @param state its state
 */
public record ResourcePlacement(String resource, String group, String node, ResourceState state) {
    /** Validates the placement. */
    public ResourcePlacement {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
    }
}
