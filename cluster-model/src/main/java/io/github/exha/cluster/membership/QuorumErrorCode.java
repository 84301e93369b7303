package io.github.exha.cluster.membership;

import static io.github.exha.core.error.ErrorCategory.INTERNAL;
import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/** Error codes of cluster membership and quorum configuration. */
public enum QuorumErrorCode implements ErrorCode {
    /** A quorum model of the other Windows version (Node Majority on a 2003 cluster, MNS on 2008). */
    MODEL_VERSION_MISMATCH("cluster.quorum.model-version-mismatch", USER),
    /** The model needs a witness of a kind that was not given (or given a witness it does not use). */
    WITNESS_MISMATCH("cluster.quorum.witness-mismatch", USER),
    /** A malformed witness (blank share, blank disk name). */
    INVALID_WITNESS("cluster.quorum.invalid-witness", USER),
    /** The witness share does not grant the cluster computer account Full Control (ERROR_ACCESS_DENIED, 5). */
    WITNESS_ACCESS_DENIED("cluster.quorum.witness-access-denied", STATE),
    /** A malformed cluster network, or no network that carries heartbeats. */
    INVALID_NETWORK("cluster.quorum.invalid-network", USER),
    /** A heartbeat setting out of its range, or a tuned setting on Windows 2003 where none is tunable. */
    INVALID_HEARTBEAT_SETTING("cluster.quorum.invalid-heartbeat-setting", USER),
    /** A node to add cannot exchange heartbeats with the running members, or is down (5051). */
    NODE_UNREACHABLE("cluster.quorum.node-unreachable", STATE),
    /** The change would leave no network for internal cluster communication (ERROR_CLUSTER_LAST_INTERNAL_NETWORK, 5066). */
    LAST_INTERNAL_NETWORK("cluster.quorum.last-internal-network", STATE),
    /** An operation in the wrong state (starting twice, restarting a node that is running). */
    INVALID_STATE("cluster.quorum.invalid-state", STATE),
    /** Two partitions held quorum at once: a bug in exha, never a simulated outcome. */
    SPLIT_BRAIN("cluster.quorum.split-brain", INTERNAL);

    private final String id;
    private final ErrorCategory category;

    QuorumErrorCode(String id, ErrorCategory category) {
        this.id = id;
        this.category = category;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
