package io.github.exha.cluster.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.HostConfiguration;
import io.github.exha.cluster.host.Architecture;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.host.OperatingSystem;
import io.github.exha.cluster.host.WindowsEdition;
import io.github.exha.cluster.host.WindowsVersion;
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
                for (NicEntry nic : host.nics()) {
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
    public record HostEntry(String name, String site, String domain, String workgroup, OsEntry os,
            List<String> features, List<String> hotfixes, List<String> initiators, List<NicEntry> nics,
            List<VolumeEntry> volumes) {
        /** Validates the host (through {@link HostConfiguration}) and its volumes. */
        public HostEntry {
            nics = nics == null ? List.of() : List.copyOf(nics);
            HostConfiguration checked = new HostConfiguration(name, site, domain, workgroup,
                    os == null ? null : os.operatingSystem(), features, hotfixes, initiators,
                    nics.stream().map(NicEntry::nic).toList());
            features = checked.features();
            hotfixes = checked.hotfixes();
            initiators = checked.initiators();
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
            return new HostConfiguration(name, site, domain, workgroup, os.operatingSystem(), features, hotfixes,
                    initiators, nics.stream().map(NicEntry::nic).toList());
        }
    }

    /**
     * A host's Windows installation as written: {@code { version: WINDOWS_SERVER_2003, edition: ENTERPRISE,
     * servicePack: 2, architecture: X64 }}.
     *
     * @param version the Windows version
     * @param edition the edition
     * @param servicePack the service pack; defaults to the level the version was released with
     * @param architecture X86 or X64; defaults to X64
     */
    public record OsEntry(WindowsVersion version, WindowsEdition edition, Integer servicePack, Architecture architecture) {
        /** Validates the installation (through {@link OperatingSystem}). */
        public OsEntry {
            if (version == null) {
                throw new IllegalArgumentException("os needs a version: WINDOWS_SERVER_2003, WINDOWS_SERVER_2003_R2 or"
                        + " WINDOWS_SERVER_2008");
            }
            servicePack = servicePack == null ? version.firstServicePack() : servicePack;
            architecture = architecture == null ? Architecture.X64 : architecture;
            new OperatingSystem(version, edition, servicePack, architecture);
        }

        /** The installation. */
        public OperatingSystem operatingSystem() {
            return new OperatingSystem(version, edition, servicePack, architecture);
        }
    }

    /**
     * A NIC as written: {@code { name: Public, network: Public, address: 192.168.10.11, prefix: 24 }}.
     *
     * @param name the connection name
     * @param network the network it is on
     * @param address its IPv4 address
     * @param prefix the prefix length of its subnet mask
     */
    public record NicEntry(String name, String network, String address, Integer prefix) {
        /** Validates the NIC (through {@link Nic}). */
        public NicEntry {
            if (prefix == null) {
                throw new IllegalArgumentException("NIC '" + name + "' needs a prefix (the subnet mask's length), for example 24");
            }
            new Nic(name, network, address, prefix);
        }

        /** The NIC. */
        public Nic nic() {
            return new Nic(name, network, address, prefix);
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
