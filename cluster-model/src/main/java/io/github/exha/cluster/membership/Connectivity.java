package io.github.exha.cluster.membership;

/**
 * What the membership needs to know about the world beneath it, asked at the virtual instant of each heartbeat
 * or regroup. The integrator answers it from hosts, NICs, network partitions and the witness's host and share;
 * tests implement it directly. Answers must be deterministic functions of the world's state.
 */
public interface Connectivity {
    /** Whether a heartbeat node {@code from} sends on {@code network} reaches node {@code to} now. */
    boolean heartbeatReaches(String from, String to, ClusterNetwork network);

    /**
     * Whether {@code node} can reach and arbitrate the witness now: for a file share witness, the host is up and
     * the share reachable from the node; for a disk witness, the node sees the Physical Disk.
     */
    boolean reachesWitness(String node, Witness witness);

    /** Whether the node's host is running now (a node to add must be). By default every host is. */
    default boolean hostRunning(String node) {
        return true;
    }

    /**
     * Whether the two nodes share a subnet, which picks the SameSubnet or CrossSubnet heartbeat setting on Windows
     * 2008. By default every pair shares one.
     */
    default boolean sameSubnet(String a, String b) {
        return true;
    }
}
