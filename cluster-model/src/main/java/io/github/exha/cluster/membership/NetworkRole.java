package io.github.exha.cluster.membership;

/**
 * What a cluster network is used for (Windows 2003 "Network roles"; on 2008 "Allow cluster network communication
 * on this network" with or without "Allow clients to connect through this network").
 */
public enum NetworkRole {
    /** Client access only: not used for heartbeats (KB892422: the public network is only monitored). */
    PUBLIC,
    /** Internal cluster communications only (the private "heartbeat" network). */
    PRIVATE,
    /** All communications: internal cluster traffic and client access. */
    MIXED;

    /**
     * Whether the cluster network driver sends heartbeats on networks of this role. KB892422 (Windows 2000/2003):
     * nodes exchange heartbeats on private and mixed networks; a public network "is not used by the Cluster service
     * for intra-node communications". On 2008 a network that does not allow cluster communication carries none
     * either, so the rule is the same for both versions.
     */
    public boolean carriesHeartbeats() {
        return switch (this) {
            case PUBLIC -> false;
            case PRIVATE, MIXED -> true;
        };
    }
}
