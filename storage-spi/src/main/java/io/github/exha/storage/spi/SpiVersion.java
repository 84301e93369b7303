package io.github.exha.storage.spi;

/**
 * The version of this SPI a plugin was built against. A host accepts a plugin whose major version equals its own and
 * whose minor version is not newer than its own (minor versions only add).
 *
 * <p>A plugin declares the version it was <em>compiled</em> against by returning
 * {@code SpiVersion.parse(SpiVersion.VERSION)} from {@link StorageProvider#spiVersion()}. {@link #VERSION} is a
 * compile-time constant, so javac copies its value into the plugin's class file: the plugin keeps reporting the SPI
 * it was built for when it later runs next to another SPI jar, and the host can refuse it. {@link #CURRENT} is the
 * opposite, the SPI of the jar on the class path at run time; a plugin returning it would always claim to match, so
 * the TCK (rule 1.2) fails a plugin that does.
 *
 * @param major incremented for incompatible changes
 * @param minor incremented for additions
 */
public record SpiVersion(int major, int minor) {
    /**
     * The version of this SPI as {@code major.minor}, a compile-time constant that plugins compile in (see the class
     * comment). Bumped with every release that changes the SPI; the japicmp check of {@code exha-storage-spi}
     * enforces that only a major bump breaks compatibility.
     */
    public static final String VERSION = "1.0";

    /** The version of the SPI on the class path at run time: what the host checks plugins against. */
    public static final SpiVersion CURRENT = parse(VERSION);

    /**
     * Validates the numbers.
     *
     * @throws IllegalArgumentException when either is negative
     */
    public SpiVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version numbers are not negative: " + major + "." + minor);
        }
    }

    /**
     * Reads {@code major.minor}, as {@link #VERSION} is written.
     *
     * @param text two non-negative decimal numbers separated by a dot
     * @return the version
     * @throws IllegalArgumentException when {@code text} is not of that form
     */
    public static SpiVersion parse(String text) {
        if (text == null || !text.matches("\\d{1,9}\\.\\d{1,9}")) {
            throw new IllegalArgumentException("an SPI version is major.minor, such as 1.0, not: " + text);
        }
        int dot = text.indexOf('.');
        return new SpiVersion(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
    }

    /**
     * Whether a host with this SPI version can load a plugin built against {@code plugin}.
     *
     * @param plugin the version the plugin declares
     * @return true for the same major version and a minor version up to this one
     */
    public boolean accepts(SpiVersion plugin) {
        return plugin.major == major && plugin.minor <= minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
