package io.github.exha.replication.san;

import io.github.exha.storage.spi.LunRef;
import java.util.List;
import java.util.Objects;

/**
 * A Physical Disk resource of a clustered Exchange server's group and the Exchange data it holds: the storage groups
 * whose log or system folder and the databases whose file lie on its drive.
 *
 * @param server the clustered mailbox server (or virtual server) whose group holds the disk
 * @param cluster the Windows cluster of that group
 * @param resource the Physical Disk resource's name
 * @param lun the LUN the resource names
 * @param drive the drive letter its volume is mounted on ({@code F:}), or empty when the resource has none
 * @param storageGroups identities of the storage groups with a folder on the drive
 * @param databases identities of the databases whose file is on the drive
 */
public record ExchangeDisk(String server, String cluster, String resource, LunRef lun, String drive,
        List<String> storageGroups, List<String> databases) {
    /** Validates and copies. */
    public ExchangeDisk {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(drive, "drive");
        storageGroups = List.copyOf(storageGroups);
        databases = List.copyOf(databases);
    }

    /** {@code Exchange-Main F:} — how output lists the disk. */
    public String display() {
        return drive.isEmpty() ? server + " " + resource : server + " " + drive;
    }
}
