package io.github.exha.cluster.failover;

/** A node of a {@link FailoverCluster}. Its state changes only through the cluster. */
public final class ClusterNode {
    private final String name;
    NodeState state;

    ClusterNode(String name, NodeState state) {
        this.name = name;
        this.state = state;
    }

    /** The node's name. */
    public String name() {
        return name;
    }

    /** The node's state. */
    public NodeState state() {
        return state;
    }

    /** Whether the node may take groups it does not host yet. */
    boolean acceptsGroups() {
        return state == NodeState.UP;
    }

    @Override
    public String toString() {
        return "ClusterNode[" + name + ", " + state.displayName() + "]";
    }
}
