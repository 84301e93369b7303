package io.github.exha.cluster.topology;

import io.github.exha.cluster.host.Disk;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.cluster.storage.LabStorageContext;
import io.github.exha.cluster.topology.HostsSection.HostEntry;
import io.github.exha.cluster.topology.HostsSection.VolumeEntry;
import io.github.exha.cluster.topology.StorageSection.ArrayEntry;
import io.github.exha.cluster.topology.StorageSection.LinkEntry;
import io.github.exha.cluster.topology.StorageSection.LunEntry;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.ReplicationLink;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The physical world of one lab, built from its topology's {@code storage:} and {@code hosts:} sections: storage
 * arrays made through the storage SPI by the plugins the topology names, their LUNs, masking and links, and the
 * Windows hosts with the volumes the topology lists formatted and mounted.
 *
 * <p>Building checks what the sections could not check on their own (which host a LUN is presented to, which LUN a
 * volume is on...) before anything is created, and reports each mistake as a {@code core.topology.invalid-value}
 * error naming the file and the key path. CHOICE: every host that has initiators is registered (zoned) on every
 * array, so a runbook may later present any LUN to any host; masking alone decides what a host sees.
 */
public final class Datacenter {
    private final StorageFabric fabric;
    private final List<ReplicationLink> links;
    private final Map<String, Host> hosts;
    private final boolean declaresHosts;
    // name as asked -> the host findHost found: the hosts never change, and the replication service asks for the
    // same few names at every pump.
    private final Map<String, Host> found = new java.util.HashMap<>();

    private Datacenter(StorageFabric fabric, List<ReplicationLink> links, Map<String, Host> hosts, boolean declaresHosts) {
        this.fabric = fabric;
        this.links = List.copyOf(links);
        this.hosts = hosts;
        this.declaresHosts = declaresHosts;
    }

    /**
     * Builds the world a topology describes on the lab's kernel, finding storage plugins with {@code plugins}.
     * Formats run on virtual time (awaited here), so the clock may advance if a LUN replicates synchronously.
     *
     * @throws ExhaException {@code core.topology.invalid-value} naming the file and key path for a reference to
     *     nothing, a vendor no plugin provides, a host with no initiators that LUNs are presented to, a LUN mounted
     *     by two hosts, or anything the plugin or a volume refuses
     */
    public static Datacenter build(Topology topology, Kernel kernel, ClassLoader plugins) {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(plugins, "plugins");
        StorageSection.Storage storage = topology.section(new StorageSection())
                .orElse(new StorageSection.Storage(List.of(), List.of()));
        Optional<HostsSection.Hosts> declared = topology.section(new HostsSection());
        List<HostEntry> hostEntries = declared.map(HostsSection.Hosts::hosts).orElse(List.of());
        Builder builder = new Builder(topology.file(), kernel, plugins, storage, hostEntries);
        builder.check();
        return builder.build(declared.isPresent());
    }

    /** The arrays, sorted by name. */
    public List<StorageArray> arrays() {
        return fabric.arrays();
    }

    /**
     * The array named {@code name} (exact name).
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} naming the arrays there are
     */
    public StorageArray array(String name) {
        return fabric.array(name).orElseThrow(() -> new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "No array is named '"
                + name + "'." + NearestNames.didYouMean(String.valueOf(name), arrayNames(), "") + " Arrays: "
                + String.join(", ", arrayNames())));
    }

    /** The storage fabric hosts see the arrays through. */
    public StorageFabric fabric() {
        return fabric;
    }

    /** The replication links, in topology order. */
    public List<ReplicationLink> links() {
        return links;
    }

    /** The hosts, in topology order. */
    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** The host named {@code name} or {@code name.domain}, ignoring case as Windows does. */
    public Optional<Host> findHost(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Host known = found.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        String wanted = name.strip();
        for (Host host : hosts.values()) {
            if (host.name().equalsIgnoreCase(wanted) || host.fqdn().equalsIgnoreCase(wanted)) {
                found.put(name, host);
                return Optional.of(host);
            }
        }
        return Optional.empty();
    }

    /**
     * The host named {@code name} (or its FQDN), ignoring case.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} suggesting the nearest host names
     */
    public Host host(String name) {
        return findHost(name).orElseThrow(() -> new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "No host is named '"
                + name + "'." + NearestNames.didYouMean(String.valueOf(name), hostNames(), "") + " Hosts: "
                + String.join(", ", hostNames())));
    }

    /** The host names, in topology order. */
    public List<String> hostNames() {
        return hosts.values().stream().map(Host::name).toList();
    }

    /** Whether the topology has a {@code hosts:} section (otherwise the world has no host model to consult). */
    public boolean declaresHosts() {
        return declaresHosts;
    }

    private List<String> arrayNames() {
        return fabric.arrays().stream().map(StorageArray::name).toList();
    }

    @Override
    public String toString() {
        return "Datacenter[arrays=" + arrayNames() + ", hosts=" + hostNames() + "]";
    }

    /** One build: the topology's values, then the checks, then the objects. */
    private static final class Builder {
        private final String file;
        private final Kernel kernel;
        private final ClassLoader plugins;
        private final StorageSection.Storage storage;
        private final List<HostEntry> hostEntries;
        /** Host names by lower-case name, for case-insensitive references. */
        private final Map<String, HostEntry> hostsByKey = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Builder(String file, Kernel kernel, ClassLoader plugins, StorageSection.Storage storage, List<HostEntry> hostEntries) {
            this.file = file;
            this.kernel = kernel;
            this.plugins = plugins;
            this.storage = storage;
            this.hostEntries = hostEntries;
            hostEntries.forEach(host -> hostsByKey.put(host.name(), host));
        }

        /** The cross-references, all checked before anything is created. */
        void check() {
            List<String> hostNames = hostEntries.stream().map(HostEntry::name).toList();
            Map<String, String> firstLunOf = new HashMap<>();
            for (int a = 0; a < storage.arrays().size(); a++) {
                ArrayEntry array = storage.arrays().get(a);
                for (int l = 0; l < array.luns().size(); l++) {
                    LunEntry lun = array.luns().get(l);
                    for (String host : lun.presentedTo()) {
                        String path = "storage.arrays[" + a + "].luns[" + l + "].presentedTo";
                        HostEntry entry = hostsByKey.get(host);
                        if (entry == null) {
                            throw invalid(path, "LUN '" + lun.name() + "' of array '" + array.name()
                                    + "' is presented to host '" + host + "', which is not in hosts."
                                    + NearestNames.didYouMean(host, hostNames, "") + " Hosts: "
                                    + (hostNames.isEmpty() ? "none" : String.join(", ", hostNames)));
                        }
                        firstLunOf.putIfAbsent(entry.name(), array.name() + "/" + lun.name());
                    }
                }
            }
            Map<LunRef, String> mountedBy = new HashMap<>();
            for (int h = 0; h < hostEntries.size(); h++) {
                HostEntry host = hostEntries.get(h);
                if (host.initiators().isEmpty() && firstLunOf.containsKey(host.name())) {
                    throw invalid("hosts[" + h + "].initiators", "host '" + host.name() + "' has no storage initiators,"
                            + " but LUN " + firstLunOf.get(host.name()) + " is presented to it; list its iSCSI IQNs or"
                            + " Fibre Channel WWPNs under initiators");
                }
                for (int v = 0; v < host.volumes().size(); v++) {
                    VolumeEntry volume = host.volumes().get(v);
                    String path = "hosts[" + h + "].volumes[" + v + "].disk";
                    LunEntry lun = findLun(volume.lun(), path);
                    if (lun.presentedTo().stream().noneMatch(name -> name.equalsIgnoreCase(host.name()))) {
                        throw invalid(path, "host '" + host.name() + "' mounts disk " + volume.disk()
                                + ", but that LUN is not presented to it (presentedTo: " + lun.presentedTo() + ")");
                    }
                    String other = mountedBy.putIfAbsent(canonical(volume.lun()), host.name());
                    if (other != null) {
                        throw invalid(path, "disk " + volume.disk() + " is mounted by both '" + other + "' and '"
                                + host.name() + "'; a disk is writable by one host at a time (a shared cluster"
                                + " disk is brought online by the cluster, not mounted here)");
                    }
                }
            }
        }

        private LunEntry findLun(LunRef ref, String path) {
            List<String> arrays = StorageSection.arrayNames(storage);
            ArrayEntry array = storage.arrays().stream().filter(a -> a.name().equalsIgnoreCase(ref.array())).findFirst()
                    .orElseThrow(() -> invalid(path, "disk " + ref.array() + "/" + ref.lun() + " names array '"
                            + ref.array() + "', which is not in storage.arrays." + NearestNames.didYouMean(ref.array(), arrays, "")
                            + " Arrays: " + (arrays.isEmpty() ? "none" : String.join(", ", arrays))));
            List<String> luns = array.luns().stream().map(LunEntry::name).toList();
            return array.luns().stream().filter(l -> l.name().equalsIgnoreCase(ref.lun())).findFirst()
                    .orElseThrow(() -> invalid(path, "array '" + array.name() + "' has no LUN named '" + ref.lun() + "'."
                            + NearestNames.didYouMean(ref.lun(), luns, "") + " LUNs: "
                            + (luns.isEmpty() ? "none" : String.join(", ", luns))));
        }

        /** The reference with the array's and LUN's names as the storage section spells them. */
        private LunRef canonical(LunRef ref) {
            for (ArrayEntry array : storage.arrays()) {
                for (LunEntry lun : array.luns()) {
                    if (array.name().equalsIgnoreCase(ref.array()) && lun.name().equalsIgnoreCase(ref.lun())) {
                        return new LunRef(array.name(), lun.name());
                    }
                }
            }
            return ref;
        }

        Datacenter build(boolean declaresHosts) {
            StorageFabric fabric = new StorageFabric();
            for (int a = 0; a < storage.arrays().size(); a++) {
                fabric.add(createArray(storage.arrays().get(a), "storage.arrays[" + a + "]"));
            }
            List<ReplicationLink> links = new ArrayList<>();
            for (int k = 0; k < storage.links().size(); k++) {
                links.add(connect(fabric, storage.links().get(k), "storage.links[" + k + "]"));
            }
            Map<String, Host> hosts = new java.util.LinkedHashMap<>();
            for (HostEntry entry : hostEntries) {
                hosts.put(entry.name(), new Host(entry.configuration(), fabric, kernel));
            }
            for (int h = 0; h < hostEntries.size(); h++) {
                HostEntry entry = hostEntries.get(h);
                Host host = hosts.get(entry.name());
                for (int v = 0; v < entry.volumes().size(); v++) {
                    mountVolume(host, entry.volumes().get(v), "hosts[" + h + "].volumes[" + v + "]");
                }
            }
            return new Datacenter(fabric, links, hosts, declaresHosts);
        }

        private StorageArray createArray(ArrayEntry entry, String path) {
            StorageProvider provider;
            try {
                provider = StorageProviders.find(plugins, entry.vendor());
            } catch (StorageException e) {
                throw invalid(path + ".vendor", e.getMessage());
            }
            StorageArray array;
            try {
                array = provider.createArray(new ArraySpec(entry.name(), entry.site(), entry.serial(),
                        entry.capacity().bytes(), entry.options()), new LabStorageContext(kernel, entry.name()));
                for (HostEntry host : hostEntries) {
                    if (!host.initiators().isEmpty()) {
                        array.addHost(new HostSpec(host.name(), host.initiators()));
                    }
                }
            } catch (StorageException e) {
                throw invalid(path, e.getMessage());
            }
            for (int l = 0; l < entry.luns().size(); l++) {
                LunEntry lun = entry.luns().get(l);
                try {
                    array.createLun(new LunSpec(lun.name(), lun.size().bytes(), lun.blockSize()));
                    if (lun.access() != AccessState.READ_WRITE) {
                        array.setAccessState(lun.name(), lun.access());
                    }
                    for (String host : lun.presentedTo()) {
                        array.present(lun.name(), hostsByKey.get(host).name());
                    }
                } catch (StorageException e) {
                    throw invalid(path + ".luns[" + l + "]", e.getMessage());
                }
            }
            return array;
        }

        private ReplicationLink connect(StorageFabric fabric, LinkEntry entry, String path) {
            StorageArray a = named(fabric, entry.between().get(0));
            StorageArray b = named(fabric, entry.between().get(1));
            try {
                return a.connect(b, new LinkSpec(entry.name(), entry.latency().duration(), entry.bandwidth().bytes()));
            } catch (StorageException | IllegalArgumentException e) {
                throw invalid(path, e.getMessage());
            }
        }

        private static StorageArray named(StorageFabric fabric, String name) {
            // The section checked the name exists, ignoring case.
            return fabric.arrays().stream().filter(array -> array.name().equalsIgnoreCase(name)).findFirst().orElseThrow();
        }

        private void mountVolume(Host host, VolumeEntry entry, String path) {
            LunRef lun = canonical(entry.lun());
            try {
                Disk disk = host.disk(lun);
                if (entry.format()) {
                    kernel.operations().await(host.formatVolume(disk, entry.driveLetter(), entry.label()));
                } else {
                    host.mountVolume(disk, entry.driveLetter());
                }
            } catch (ExhaException e) {
                throw new ExhaException(e.code(), prefix(path) + (entry.format() ? "formatting " : "mounting ") + entry.disk()
                        + " as " + entry.driveLetter() + " on " + host.name() + " failed: " + e.getMessage(),
                        e.nativeCode().orElse(null), null, e);
            }
        }

        private String prefix(String path) {
            return "Invalid value at '" + path + "' in " + file + ": ";
        }

        private ExhaException invalid(String path, String message) {
            return new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE, prefix(path) + message);
        }
    }
}
