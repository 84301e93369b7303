package io.github.exha.archfixtures.layering.compliant.storage.spi;

/** Bottom of the storage stack: depends on nothing in exha. */
public record Lun(int id, long capacityBytes) {
}
