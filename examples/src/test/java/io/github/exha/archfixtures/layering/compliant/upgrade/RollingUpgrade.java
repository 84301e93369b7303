package io.github.exha.archfixtures.layering.compliant.upgrade;

import io.github.exha.archfixtures.layering.compliant.replication.StorageGroupCopy;

/** upgrade → replication. */
public record RollingUpgrade(StorageGroupCopy copy) {
}
