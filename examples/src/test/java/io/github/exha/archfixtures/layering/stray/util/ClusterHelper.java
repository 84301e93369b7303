package io.github.exha.archfixtures.layering.stray.util;

import io.github.exha.archfixtures.layering.stray.storage.sim.SimArray;

/**
 * Violation twice over: a grab-bag in no module's package, so the layering rule cannot see it, and it names
 * the sim plugin.
 */
public final class ClusterHelper {
    private ClusterHelper() {
    }

    public static SimArray firstArray() {
        return new SimArray();
    }
}
