package io.github.exha.storage.spi;

/**
 * The version of this SPI a plugin was built against. A host accepts a plugin whose major version equals its own and
 * whose minor version is not newer than its own (minor versions only add).
 *
 * @param major incremented for incompatible changes
 * @param minor incremented for additions
 */
public record SpiVersion(int major, int minor) {
    /** The version of the SPI in this jar. */
    public static final SpiVersion CURRENT = new SpiVersion(1, 0);

    public SpiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version numbers are not negative: " + major + "." + minor);
        }
    }

    /** Whether a host with this SPI version can load a plugin built against {@code plugin}. */
    public boolean accepts(SpiVersion plugin) {
        return plugin.major == major && plugin.minor <= minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
