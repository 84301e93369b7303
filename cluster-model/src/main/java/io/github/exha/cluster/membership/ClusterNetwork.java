package io.github.exha.cluster.membership;

import io.github.exha.core.error.ExhaException;

/**
 * A cluster network: a subnet every node has an interface on.
 *
 * @param name the network's name in the cluster, for example {@code Private} or {@code Public}
 * @param role what the cluster uses it for
 * @param allowClients whether clients may connect through it; true for {@link NetworkRole#PUBLIC} and
 *     {@link NetworkRole#MIXED}, false for {@link NetworkRole#PRIVATE}
 */
public record ClusterNetwork(String name, NetworkRole role, boolean allowClients) {
    /**
     * Validates the network.
     *
     * @throws ExhaException {@code cluster.quorum.invalid-network} for a blank name, a missing role, or a client
     *     setting that contradicts the role
     */
    public ClusterNetwork {
        if (name == null || name.isBlank() || role == null) {
            throw new ExhaException(QuorumErrorCode.INVALID_NETWORK, "A cluster network needs a name and a role.");
        }
        boolean clients = switch (role) {
            case PUBLIC, MIXED -> true;
            case PRIVATE -> false;
        };
        if (clients != allowClients) {
            throw new ExhaException(QuorumErrorCode.INVALID_NETWORK, "Cluster network '" + name + "' has role " + role
                    + (allowClients ? " and cannot allow clients." : " and must allow clients."));
        }
    }

    /** A network for internal cluster communications only. */
    public static ClusterNetwork privateNetwork(String name) {
        return new ClusterNetwork(name, NetworkRole.PRIVATE, false);
    }

    /** A network for client access only. */
    public static ClusterNetwork publicNetwork(String name) {
        return new ClusterNetwork(name, NetworkRole.PUBLIC, true);
    }

    /** A network for all communications. */
    public static ClusterNetwork mixedNetwork(String name) {
        return new ClusterNetwork(name, NetworkRole.MIXED, true);
    }

    /** Whether heartbeats travel on this network; see {@link NetworkRole#carriesHeartbeats()}. */
    public boolean carriesHeartbeats() {
        return role.carriesHeartbeats();
    }
}
