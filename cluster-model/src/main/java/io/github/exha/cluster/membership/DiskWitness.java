package io.github.exha.cluster.membership;

import io.github.exha.core.error.ExhaException;

/**
 * A disk that arbitrates quorum: the Windows 2003 quorum disk, the 2008 witness disk (Node and Disk Majority) or
 * the 2008 disk-only quorum. It is a Physical Disk resource on shared storage; a node arbitrates it only when it
 * sees the disk ({@link Connectivity#reachesWitness}).
 *
 * @param resource the Physical Disk resource's name, for example {@code Disk Q:}
 */
public record DiskWitness(String resource) implements Witness {
    /** Validates the name. */
    public DiskWitness {
        if (resource == null || resource.isBlank()) {
            throw new ExhaException(QuorumErrorCode.INVALID_WITNESS, "A disk witness needs a Physical Disk resource name.");
        }
    }

    @Override
    public String displayName() {
        return resource;
    }
}
