package io.github.exha.cluster.membership;

import io.github.exha.cluster.failover.ClusterVersion;

/**
 * How a cluster decides whether a partition may run (DOMAIN.md §8). Each node and each witness has one vote; a
 * majority model needs more than half of all configured votes, a disk-only model needs the disk.
 */
public enum QuorumModel {
    /** Windows 2003 default: a quorum disk on shared storage; whoever owns the disk runs the cluster. */
    SHARED_DISK("Quorum disk", ClusterVersion.WINDOWS_2003, false, WitnessKind.DISK),
    /** Windows 2003 Majority Node Set: majority = nodes / 2 + 1. */
    MAJORITY_NODE_SET("Majority Node Set", ClusterVersion.WINDOWS_2003, true, WitnessKind.NONE),
    /** Windows 2003 SP1 + KB921181: Majority Node Set plus a file share witness vote (CCR's model). */
    MNS_WITH_FILE_SHARE_WITNESS("Majority Node Set with file share witness", ClusterVersion.WINDOWS_2003, true,
            WitnessKind.FILE_SHARE),
    /** Windows 2008 Node Majority. */
    NODE_MAJORITY("Node Majority", ClusterVersion.WINDOWS_2008, true, WitnessKind.NONE),
    /** Windows 2008 Node and Disk Majority. */
    NODE_AND_DISK_MAJORITY("Node and Disk Majority", ClusterVersion.WINDOWS_2008, true, WitnessKind.DISK),
    /** Windows 2008 Node and File Share Majority (CCR's model on 2008). */
    NODE_AND_FILE_SHARE_MAJORITY("Node and File Share Majority", ClusterVersion.WINDOWS_2008, true, WitnessKind.FILE_SHARE),
    /** Windows 2008 No Majority: Disk Only. */
    DISK_ONLY("No Majority: Disk Only", ClusterVersion.WINDOWS_2008, false, WitnessKind.DISK);

    private final String displayName;
    private final ClusterVersion version;
    private final boolean nodesVote;
    private final WitnessKind witness;

    QuorumModel(String displayName, ClusterVersion version, boolean nodesVote, WitnessKind witness) {
        this.displayName = displayName;
        this.version = version;
        this.nodesVote = nodesVote;
        this.witness = witness;
    }

    /** The name Windows shows, for example {@code Node and File Share Majority}. */
    public String displayName() {
        return displayName;
    }

    /** The only Windows version that offers this model. */
    public ClusterVersion version() {
        return version;
    }

    /** Whether nodes vote (majority models); if not, the disk alone decides. */
    public boolean nodesVote() {
        return nodesVote;
    }

    /** Which witness the model uses. */
    public WitnessKind witness() {
        return witness;
    }
}
