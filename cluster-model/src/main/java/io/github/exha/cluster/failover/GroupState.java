package io.github.exha.cluster.failover;

import java.util.Collection;

/** The state of a cluster group, derived from its resources (CLUSTER_GROUP_STATE). */
public enum GroupState {
    /** Every resource is online. */
    ONLINE("Online"),
    /** Every resource is offline, or the group is empty. */
    OFFLINE("Offline"),
    /** At least one resource failed. */
    FAILED("Failed"),
    /** Some resources are online, none pending or failed. */
    PARTIAL_ONLINE("PartialOnline"),
    /** Some resources are pending, none failed. */
    PENDING("Pending");

    private final String displayName;

    GroupState(String displayName) {
        this.displayName = displayName;
    }

    /** The name Windows shows, for example {@code PartialOnline}. */
    public String displayName() {
        return displayName;
    }

    /** The group state DOMAIN.md §8 derives from these resource states. */
    public static GroupState derive(Collection<ResourceState> states) {
        boolean anyFailed = false;
        boolean anyPending = false;
        boolean anyOnline = false;
        boolean allOnline = true;
        for (ResourceState state : states) {
            switch (state) {
                case FAILED:
                    anyFailed = true;
                    allOnline = false;
                    break;
                case ONLINE_PENDING:
                case OFFLINE_PENDING:
                case INITIALIZING:
                    anyPending = true;
                    allOnline = false;
                    break;
                case ONLINE:
                    anyOnline = true;
                    break;
                case OFFLINE:
                case UNKNOWN:
                    allOnline = false;
                    break;
            }
        }
        if (anyFailed) {
            return FAILED;
        }
        if (anyPending) {
            return PENDING;
        }
        if (states.isEmpty() || !anyOnline) {
            return OFFLINE;
        }
        return allOnline ? ONLINE : PARTIAL_ONLINE;
    }
}
