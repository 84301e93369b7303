package io.github.exha.cluster.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.HostConfiguration;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.host.OperatingSystem;
import io.github.exha.core.topology.TopologySection;
import io.github.exha.storage.spi.LunRef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code hosts:} section: the lab's Windows servers.
 *
 * <pre>
 * hosts:
 *   - name: NODE1
 *     site: Production
 *     domain: contoso.com              # or workgroup: LAB; neither means workgroup WORKGROUP
 *     os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
 *     features: [Failover-Clustering] # ServerManagerCmd names
 *     hotfixes: [KB921181]
 *     initiators: [iqn.2008-03.com.contoso:node1]
 *     nics:
 *       - { name: Public, network: Public, address: 192.168.10.11, prefix: 24 }
 *     volumes:
 *       - { disk: SAN-MAIN/EXCH-DB, drive: F, label: EXCHDB, format: true }
 * </pre>
 *
 * Names, OS rules, features, hotfixes, NICs and drive letters are checked as the section is read (with file
 * positions), as are host names and IP addresses across hosts; references to arrays and LUNs are checked when the
 * world is built ({@link Datacenter}).
 */
public final class HostsSection implements TopologySection<HostsSection.Hosts> {
    /** The section's key. */
    public static final String KEY = "hosts";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<Hosts> type() {
        return Hosts.class;
    }

    @Override
    public String description() {
        return "Windows servers: OS, features, hotfixes, NICs, storage initiators and volumes";
    }

    /**
     * The section's value: the list of hosts.
     *
     * @param hosts the hosts; names unique ignoring case (as Windows compares them), IP addresses unique
     */
    public record Hosts(List<HostEntry> hosts) {
        /** Validates names and addresses across hosts. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public Hosts {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            Map<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Map<String, String> addresses = new HashMap<>();
            for (HostEntry host : hosts) {
                if (names.putIfAbsent(host.name(), host.name()) != null) {
                    throw new IllegalArgumentException("two hosts are named '" + host.name() + "'");
                }
                for (Nic nic : host.nics()) {
                    String owner = addresses.putIfAbsent(nic.address(), host.name());
                    if (owner != null) {
                        throw new IllegalArgumentException("hosts '" + owner + "' and '" + host.name()
                                + "' both have IP address " + nic.address());
                    }
                }
            }
        }
    }

    /**
     * One host.
     *
     * @param name the computer name
     * @param site its site
     * @param domain its AD domain, or null
     * @param workgroup its workgroup, or null
     * @param os its Windows installation
     * @param features installed features (ServerManagerCmd names)
     * @param hotfixes installed hotfixes ({@code KB921181})
     * @param initiators iSCSI IQNs or FC WWPNs
     * @param nics network interfaces
     * @param volumes SAN volumes to mount (and format) when the world is built; drive letters unique, never C
     */
    public record HostEntry(String name, String site, String domain, String workgroup, OperatingSystem os,
            List<String> features, List<String> hotfixes, List<String> initiators, List<Nic> nics,
            List<VolumeEntry> volumes) {
        /** Validates the host (through {@link HostConfiguration}) and its volumes. */
        public HostEntry {
            HostConfiguration checked = new HostConfiguration(name, site, domain, workgroup, os, features, hotfixes,
                    initiators, nics);
            features = checked.features();
            hotfixes = checked.hotfixes();
            initiators = checked.initiators();
            nics = checked.nics();
            volumes = volumes == null ? List.of() : List.copyOf(volumes);
            Map<DriveLetter, VolumeEntry> drives = new HashMap<>();
            Map<LunRef, VolumeEntry> disks = new HashMap<>();
            for (VolumeEntry volume : volumes) {
                VolumeEntry other = drives.putIfAbsent(volume.driveLetter(), volume);
                if (other != null) {
                    throw new IllegalArgumentException("host '" + name + "' uses drive " + volume.driveLetter()
                            + " twice (" + other.disk() + " and " + volume.disk() + ")");
                }
                if (disks.putIfAbsent(volume.lun(), volume) != null) {
                    throw new IllegalArgumentException("host '" + name + "' mounts disk " + volume.disk() + " twice");
                }
            }
        }

        /** The host's configuration. */
        public HostConfiguration configuration() {
            return new HostConfiguration(name, site, domain, workgroup, os, features, hotfixes, initiators, nics);
        }
    }

    /**
     * A volume a host mounts when the world is built.
     *
     * @param disk the LUN as {@code ARRAY/LUN} ({@code SAN-MAIN/EXCH-DB})
     * @param drive the drive letter ({@code F} or {@code F:}); not C, the system volume
     * @param label the volume label for a format; defaults to the LUN's name (cut to 32 characters)
     * @param format whether to format the disk first (a new LUN holds no filesystem); defaults to false
     */
    public record VolumeEntry(String disk, String drive, String label, Boolean format) {
        /** Validates the disk reference and the drive letter. */
        public VolumeEntry {
            if (disk == null || disk.isBlank()) {
                throw new IllegalArgumentException("a volume needs a disk: ARRAY/LUN, for example SAN-MAIN/EXCH-DB");
            }
            parseDisk(disk);
            if (drive == null || drive.isBlank()) {
                throw new IllegalArgumentException("volume on " + disk + " needs a drive letter, for example F");
            }
            DriveLetter letter = DriveLetter.parse(drive);
            if (letter.equals(DriveLetter.SYSTEM)) {
                throw new IllegalArgumentException("volume on " + disk + ": drive C: is the system volume and taken");
            }
            drive = letter.toString();
            format = format != null && format;
            if (label == null || label.isBlank()) {
                String lun = parseDisk(disk).lun();
                label = lun.length() > 32 ? lun.substring(0, 32) : lun;
            }
        }

        /** The drive letter. */
        public DriveLetter driveLetter() {
            return DriveLetter.parse(drive);
        }

        /** The LUN. */
        public LunRef lun() {
            return parseDisk(disk);
        }

        private static LunRef parseDisk(String disk) {
            String[] parts = disk.strip().split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("'" + disk + "' is not a disk written ARRAY/LUN, for example SAN-MAIN/EXCH-DB");
            }
            return new LunRef(parts[0].strip(), parts[1].strip());
        }
    }

    @Override
    public String toString() {
        return "HostsSection[" + KEY + "]";
    }

    /** Lower-case form of a name, for case-insensitive lookups. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
