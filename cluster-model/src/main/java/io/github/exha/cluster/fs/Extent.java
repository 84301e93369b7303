package io.github.exha.cluster.fs;

/**
 * A run of a file's clusters stored contiguously on the volume.
 *
 * @param logicalCluster the first cluster of the run within the file
 * @param physicalCluster the first cluster of the run on the volume
 * @param count how many clusters
 */
record Extent(long logicalCluster, long physicalCluster, long count) {
    Extent {
        if (logicalCluster < 0 || physicalCluster < 0 || count <= 0) {
            throw new IllegalArgumentException("bad extent " + logicalCluster + "/" + physicalCluster + "/" + count);
        }
    }

    long logicalEnd() {
        return logicalCluster + count;
    }

    long physicalEnd() {
        return physicalCluster + count;
    }
}
