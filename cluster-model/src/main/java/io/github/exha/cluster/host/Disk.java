package io.github.exha.cluster.host;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.LunRef;
import java.util.Objects;

/**
 * A SAN disk as one host sees it: a LUN of one of the lab's arrays presented to the host. Disk 0 is the host's
 * local system disk (it holds {@code C:}) and is not listed; SAN disks are numbered from 1.
 *
 * @param number the disk number Disk Management shows ({@code Disk 1})
 * @param lun the array and LUN behind it
 * @param capacityBytes the LUN's size
 * @param blockSize the LUN's block size
 * @param accessState the LUN's access state when the host last looked
 */
public record Disk(int number, LunRef lun, long capacityBytes, int blockSize, AccessState accessState) {
    /** Validates the values. */
    public Disk {
        if (number < 1) {
            throw new IllegalArgumentException("SAN disks are numbered from 1, found " + number);
        }
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(accessState, "accessState");
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacityBytes must be positive: " + capacityBytes);
        }
    }

    /** {@code Disk 1}. */
    public String displayName() {
        return "Disk " + number;
    }

    @Override
    public String toString() {
        return displayName() + " (" + lun + ")";
    }
}
