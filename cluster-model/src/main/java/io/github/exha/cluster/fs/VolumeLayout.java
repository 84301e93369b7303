package io.github.exha.cluster.fs;

/**
 * Where a volume keeps what, in clusters: two superblock slots, two checkpoint slots, the journal ring, then data to
 * the end of the LUN. Written into the superblock at format time, so a volume mounts whatever defaults later become.
 *
 * @param blockSize the LUN's block size (the unit a single device write is atomic in)
 * @param clusterSize the allocation unit, a multiple of the block size
 * @param clusterCount clusters in the volume (the whole LUN, rounded down to clusters)
 * @param checkpointClusters clusters of each of the two checkpoint slots
 * @param journalClusters clusters of the journal ring
 */
public record VolumeLayout(int blockSize, int clusterSize, long clusterCount, long checkpointClusters,
        long journalClusters) {
    /** The default cluster size, NTFS's for volumes up to 16 TB. */
    public static final int DEFAULT_CLUSTER_SIZE = 4096;

    /** Validates the layout. */
    public VolumeLayout {
        if (blockSize < 512 || Integer.bitCount(blockSize) != 1 || clusterSize < blockSize
                || clusterSize % blockSize != 0) {
            throw new IllegalArgumentException("cluster size " + clusterSize + " must be a multiple of block size "
                    + blockSize);
        }
        if (checkpointClusters < 1 || journalClusters < 1 || clusterCount <= dataStart(checkpointClusters,
                journalClusters)) {
            throw new IllegalArgumentException("a volume of " + clusterCount + " clusters cannot hold "
                    + checkpointClusters + "-cluster checkpoints and a " + journalClusters + "-cluster journal");
        }
    }

    /**
     * The layout exha formats a LUN with: 4 KB clusters, each checkpoint slot and the journal 1/128 of the volume,
     * from 64 KB to 64 MB each, so thousands of files fit and a full journal triggers a checkpoint only rarely.
     */
    public static VolumeLayout forDevice(long capacityBytes, int blockSize) {
        int cluster = Math.max(DEFAULT_CLUSTER_SIZE, blockSize);
        long clusters = capacityBytes / cluster;
        long share = Math.max(65536L / cluster, Math.min((64L << 20) / cluster, clusters / 128));
        return new VolumeLayout(blockSize, cluster, clusters, Math.max(1, share), Math.max(1, share));
    }

    private static long dataStart(long checkpointClusters, long journalClusters) {
        return 2 + 2 * checkpointClusters + journalClusters;
    }

    /** Byte offset of superblock slot 0 or 1: the first two blocks, found before the cluster size is known. */
    long superblockOffset(int slot) {
        return (long) slot * blockSize;
    }

    /** Byte offset of checkpoint slot 0 or 1. */
    long checkpointOffset(int slot) {
        return (2 + slot * checkpointClusters) * clusterSize;
    }

    long checkpointBytes() {
        return checkpointClusters * clusterSize;
    }

    long journalOffset() {
        return (2 + 2 * checkpointClusters) * clusterSize;
    }

    long journalBytes() {
        return journalClusters * clusterSize;
    }

    /** First data cluster; data clusters are numbered from the volume's start, so 0 to this are metadata. */
    long firstDataCluster() {
        return dataStart(checkpointClusters, journalClusters);
    }

    long clusterOffset(long cluster) {
        return cluster * clusterSize;
    }
}
