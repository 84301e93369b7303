package io.github.exha.cluster.membership;

/** Where a node stands in the cluster's membership, as its cluster service sees it. */
public enum MemberState {
    /** In the running cluster (the partition with quorum), exchanging heartbeats. */
    MEMBER,
    /** Admitted to the running cluster; becomes a {@link #MEMBER} (and Up) at the next membership check. */
    JOINING,
    /** The host runs but its cluster service is stopped (quorum lost, or not yet joined); it retries joining. */
    STOPPED,
    /** The host is down (crashed or powered off). */
    CRASHED
}
