package io.github.exha.archfixtures.layering.compliant.examples.cli;

import io.github.exha.archfixtures.layering.compliant.storage.sim.SimStorageProvider;
import io.github.exha.archfixtures.layering.compliant.upgrade.RollingUpgrade;

/** examples → everything, and the only module that names the sim plugin. */
public record ExhaCommand(RollingUpgrade upgrade, SimStorageProvider storage) {
}
