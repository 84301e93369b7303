package io.github.exha.archfixtures.layering.simtocore.storage.sim;

import io.github.exha.archfixtures.layering.simtocore.core.Lab;

/** Violation: the sim plugin uses core instead of the SPI's StorageContext. */
public class SimArray {
    public SimArray(Lab lab) {
    }
}
