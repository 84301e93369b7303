package io.github.exha.archfixtures.sandbox.compliant.cluster;

import java.util.HashMap;
import java.util.Map;

/** Compliant: files live in the simulated world's own structures. */
public class SimulatedVolumeUser {
    private final Map<String, byte[]> files = new HashMap<>();

    public void write(String windowsPath, byte[] data) {
        files.put(windowsPath.toUpperCase(java.util.Locale.ROOT), data.clone());
    }
}
