package io.github.exha.storage.spi;

/** Which side's data wins when a group is resynchronised after its sides diverged. */
public enum ResyncDirection {
    /** The source's data is copied over the target; changes made on the target are discarded. */
    SOURCE_TO_TARGET,
    /** The target's data is copied back over the source; changes made on the target are kept. */
    TARGET_TO_SOURCE
}
