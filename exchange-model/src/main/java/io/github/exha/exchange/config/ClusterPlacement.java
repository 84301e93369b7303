package io.github.exha.exchange.config;

import java.util.List;
import java.util.Objects;

/**
 * Where a clustered mailbox server or an Exchange Virtual Server lives: its Windows cluster, its own IP address (never
 * the cluster's), how its storage is clustered and the nodes it may run on (the CMS's redundant machines).
 *
 * @param clusterName the Windows cluster
 * @param ipAddress the server's IP address resource
 * @param storageType SHARED for SCC and every EVS, NON_SHARED for CCR
 * @param redundantMachines the nodes that may run it, in the order setup added them
 */
public record ClusterPlacement(String clusterName, String ipAddress, ClusteredStorageType storageType,
        List<String> redundantMachines) {
    /** Validates the placement. */
    public ClusterPlacement {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(storageType, "storageType");
        if (storageType == ClusteredStorageType.DISABLED) {
            throw new IllegalArgumentException("a clustered server's storage is SHARED or NON_SHARED");
        }
        redundantMachines = List.copyOf(redundantMachines);
    }

    /** Whether {@code node} is one of the redundant machines (ignoring case). */
    public boolean isRedundantMachine(String node) {
        return redundantMachines.stream().anyMatch(machine -> machine.equalsIgnoreCase(node));
    }

    /** The same placement with another list of redundant machines. */
    public ClusterPlacement withRedundantMachines(List<String> machines) {
        return new ClusterPlacement(clusterName, ipAddress, storageType, machines);
    }
}
