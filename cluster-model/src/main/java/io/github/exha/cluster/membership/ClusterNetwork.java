package io.github.exha.cluster.membership;

import io.github.exha.core.error.ExhaException;

/**
 * A cluster network: a subnet every node has an interface on.
 *
 * @param name the network's name in the cluster, for example {@code Private} or {@code Public}; an administrator may
 *     rename it ({@code cluster network "Cluster Network 1" /rename:Heartbeat})
 * @param role what the cluster uses it for
 * @param allowClients whether clients may connect through it; true for {@link NetworkRole#PUBLIC} and
 *     {@link NetworkRole#MIXED}, false for {@link NetworkRole#PRIVATE}
 * @param subnet the lab network (the hosts' NICs' {@code network}) it runs on, which a rename does not change
 */
public record ClusterNetwork(String name, NetworkRole role, boolean allowClients, String subnet) {
    /**
     * Validates the network.
     *
     * @throws ExhaException {@code cluster.quorum.invalid-network} for a blank name, a missing role, or a client
     *     setting that contradicts the role
     */
    public ClusterNetwork {
        if (name == null || name.isBlank() || role == null || subnet == null || subnet.isBlank()) {
            throw new ExhaException(QuorumErrorCode.INVALID_NETWORK, "A cluster network needs a name, a role and a subnet.");
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

    /** A network named like the lab network it runs on (as topology files declare them). */
    public ClusterNetwork(String name, NetworkRole role, boolean allowClients) {
        this(name, role, allowClients, name);
    }

    /** The same network under another name (same subnet). */
    public ClusterNetwork renamed(String newName) {
        return new ClusterNetwork(newName, role, allowClients, subnet);
    }

    /** The same network with another role; clients are allowed exactly on public and mixed networks. */
    public ClusterNetwork withRole(NetworkRole newRole) {
        boolean clients = switch (newRole) {
            case PUBLIC, MIXED -> true;
            case PRIVATE -> false;
        };
        return new ClusterNetwork(name, newRole, clients, subnet);
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
