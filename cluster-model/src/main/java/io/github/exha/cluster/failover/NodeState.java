package io.github.exha.cluster.failover;

/** The state of a cluster node as the cluster service reports it ({@code cluster node /status}). */
public enum NodeState {
    /** A member that may host groups. */
    UP("Up"),
    /** Not a member: crashed, powered off, or its cluster service stopped (no quorum). */
    DOWN("Down"),
    /** A member that keeps the groups it hosts but takes no new ones. */
    PAUSED("Paused"),
    /** Joining the cluster; it cannot host groups yet. */
    JOINING("Joining");

    private final String displayName;

    NodeState(String displayName) {
        this.displayName = displayName;
    }

    /** The name Windows shows, for example {@code Paused}. */
    public String displayName() {
        return displayName;
    }
}
