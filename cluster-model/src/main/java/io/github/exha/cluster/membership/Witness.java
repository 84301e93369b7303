package io.github.exha.cluster.membership;

/** The extra vote (or, for disk-only models, the only vote) of a quorum model: a file share or a disk. */
public sealed interface Witness permits FileShareWitness, DiskWitness {
    /** How Windows names the witness: {@code \\HUB1\FSW_CLUS1} or the disk resource's name. */
    String displayName();
}
