package io.github.exha.cluster.membership;

/** Which witness a {@link QuorumModel} uses. */
public enum WitnessKind {
    /** No witness: only nodes vote. */
    NONE,
    /** A {@link FileShareWitness}. */
    FILE_SHARE,
    /** A {@link DiskWitness}. */
    DISK;

    /** Whether {@code witness} is of this kind ({@code null} is of kind {@link #NONE}). */
    public boolean matches(Witness witness) {
        return switch (this) {
            case NONE -> witness == null;
            case FILE_SHARE -> witness instanceof FileShareWitness;
            case DISK -> witness instanceof DiskWitness;
        };
    }
}
