package io.github.exha.exchange.clustering;

import java.util.Objects;

/**
 * A shared disk of an EVS or SCC group: the LUN and the drive letter its volume is mounted on by the owner node.
 *
 * @param array the storage array
 * @param lun the LUN
 * @param drive the drive letter ({@code F} or {@code F:})
 */
public record SharedDisk(String array, String lun, String drive) {
    /** Validates the disk and normalizes the drive to {@code F:}. */
    public SharedDisk {
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(drive, "drive");
        drive = drive.strip().toUpperCase(java.util.Locale.ROOT);
        drive = drive.endsWith(":") ? drive : drive + ":";
    }

    /** The Physical Disk resource's name in {@code server}'s group: {@code Disk F: (EXCHCMS)}. */
    public String resourceName(String server) {
        return "Disk " + drive + " (" + server + ")";
    }
}
