package io.github.exha.cluster.host;

import io.github.exha.cluster.fs.Volume;
import java.util.Locale;
import java.util.Objects;

/**
 * A Windows path resolved on one host: the volume its drive letter names and the path inside that volume.
 *
 * @param drive the drive letter
 * @param volume the mounted volume
 * @param path the path inside the volume, starting with {@code \} ({@code \DB\Mailbox Database.edb})
 */
public record WindowsPath(DriveLetter drive, Volume volume, String path) {
    /** Validates the values. */
    public WindowsPath {
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("\\")) {
            throw new IllegalArgumentException("a path inside a volume starts with \\: " + path);
        }
    }

    /**
     * Whether this and {@code other} name the same file or folder: the same volume and the same path once Win32
     * normalised it, ignoring case ({@code F:\DB\.\X.EDB} and {@code f:\db\x.edb}).
     */
    public boolean sameAs(WindowsPath other) {
        return volume == other.volume() && key(path).equals(key(other.path()));
    }

    private static String key(String path) {
        return Volume.normalize(path).toUpperCase(Locale.ROOT);
    }

    /** {@code F:\DB\Mailbox Database.edb}. */
    @Override
    public String toString() {
        return drive + path;
    }
}
