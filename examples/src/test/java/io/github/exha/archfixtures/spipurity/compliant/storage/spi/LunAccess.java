package io.github.exha.archfixtures.spipurity.compliant.storage.spi;

/** Access state of a LUN. */
public enum LunAccess {
    READ_WRITE, READ_ONLY, NOT_READY
}
