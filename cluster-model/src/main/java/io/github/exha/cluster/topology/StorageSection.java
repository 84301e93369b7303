package io.github.exha.cluster.topology;

import io.github.exha.core.error.NearestNames;
import io.github.exha.core.topology.TopologySection;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.LunSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code storage:} section: the lab's storage arrays (each made by the plugin its {@code vendor} names), their
 * LUNs with masking and access state, and the replication links between arrays.
 *
 * <pre>
 * storage:
 *   arrays:
 *     - name: SAN-MAIN
 *       vendor: sim
 *       site: Production
 *       serial: MAIN-01          # optional, defaults to the name
 *       capacity: 4TB
 *       options: { maxLuns: 64 } # optional, vendor-specific
 *       luns:
 *         - { name: EXCH-DB, size: 200GB, presentedTo: [NODE1, NODE2], access: READ_WRITE }
 *   links:
 *     - { name: SAN-LINK, between: [SAN-MAIN, SAN-DR], latency: PT0.005S, bandwidth: 100MB }
 * </pre>
 *
 * Everything that can be checked inside the section is checked as it is read, so the error carries the file
 * position; references to hosts are checked when the world is built ({@link Datacenter}).
 */
public final class StorageSection implements TopologySection<StorageSection.Storage> {
    /** The section's key. */
    public static final String KEY = "storage";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<Storage> type() {
        return Storage.class;
    }

    @Override
    public String description() {
        return "SAN storage arrays, their LUNs and LUN masking, and replication links between arrays";
    }

    /**
     * The section's value.
     *
     * @param arrays the arrays, names unique (ignoring case)
     * @param links the links, names unique, each between two arrays of this section
     */
    public record Storage(List<ArrayEntry> arrays, List<LinkEntry> links) {
        /** Validates names and the arrays links name. */
        public Storage {
            arrays = arrays == null ? List.of() : List.copyOf(arrays);
            links = links == null ? List.of() : List.copyOf(links);
            Map<String, ArrayEntry> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (ArrayEntry array : arrays) {
                if (byName.putIfAbsent(array.name(), array) != null) {
                    throw new IllegalArgumentException("two arrays are named '" + array.name() + "'");
                }
            }
            Set<String> linkNames = new HashSet<>();
            for (LinkEntry link : links) {
                if (!linkNames.add(link.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("two links are named '" + link.name() + "'");
                }
                for (String end : link.between()) {
                    if (!byName.containsKey(end)) {
                        throw new IllegalArgumentException("link '" + link.name() + "' names array '" + end
                                + "', which is not in storage.arrays." + NearestNames.didYouMean(end, byName.keySet(), "")
                                + " Arrays: " + String.join(", ", byName.keySet()));
                    }
                }
            }
        }
    }

    /**
     * One array.
     *
     * @param name unique in the lab ({@code SAN-MAIN})
     * @param vendor the vendor id of the storage plugin that makes it ({@code sim})
     * @param site the site it stands in
     * @param serial its serial number; defaults to the name
     * @param capacity usable capacity; the LUNs must fit
     * @param options vendor-specific settings, passed to the plugin as text
     * @param luns its LUNs, names unique on the array
     */
    public record ArrayEntry(String name, String vendor, String site, String serial, ByteSize capacity,
            Map<String, String> options, List<LunEntry> luns) {
        /** Validates the array and its LUNs. */
        public ArrayEntry {
            requireName(name, "an array needs a name, for example SAN-MAIN");
            requireName(vendor, "array '" + name + "' needs a vendor: the vendor id of a storage plugin, for example sim");
            requireName(site, "array '" + name + "' needs a site");
            serial = serial == null || serial.isBlank() ? name : serial;
            if (capacity == null || capacity.bytes() == 0) {
                throw new IllegalArgumentException("array '" + name + "' needs a positive capacity, for example 4TB");
            }
            options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(options));
            luns = luns == null ? List.of() : List.copyOf(luns);
            Set<String> lunNames = new HashSet<>();
            long total = 0;
            for (LunEntry lun : luns) {
                if (!lunNames.add(lun.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("array '" + name + "' has two LUNs named '" + lun.name() + "'");
                }
                total += lun.size().bytes();
            }
            if (total > capacity.bytes()) {
                throw new IllegalArgumentException("the LUNs of array '" + name + "' need " + new ByteSize(total)
                        + " but its capacity is " + capacity);
            }
        }
    }

    /**
     * One LUN.
     *
     * @param name unique on its array
     * @param size its capacity, a multiple of the block size
     * @param blockSize bytes per block; defaults to 512
     * @param presentedTo the hosts it is presented to (LUN masking)
     * @param access its access state; defaults to READ_WRITE
     */
    public record LunEntry(String name, ByteSize size, Integer blockSize, List<String> presentedTo, AccessState access) {
        /** Validates the LUN. */
        public LunEntry {
            requireName(name, "a LUN needs a name, for example EXCH-DB");
            if (size == null || size.bytes() == 0) {
                throw new IllegalArgumentException("LUN '" + name + "' needs a positive size, for example 200GB");
            }
            blockSize = blockSize == null ? LunSpec.DEFAULT_BLOCK_SIZE : blockSize;
            try {
                new LunSpec(name, size.bytes(), blockSize);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("LUN '" + name + "': " + e.getMessage());
            }
            presentedTo = presentedTo == null ? List.of() : List.copyOf(presentedTo);
            Set<String> hosts = new HashSet<>();
            for (String host : presentedTo) {
                requireName(host, "LUN '" + name + "' is presented to a blank host name");
                if (!hosts.add(host.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("LUN '" + name + "' is presented to '" + host + "' twice");
                }
            }
            access = access == null ? AccessState.READ_WRITE : access;
        }
    }

    /**
     * A replication link.
     *
     * @param name unique in the lab
     * @param between the two arrays it joins
     * @param latency one-way latency, not negative
     * @param bandwidth bytes per second, positive
     */
    public record LinkEntry(String name, List<String> between, TimeInterval latency, ByteSize bandwidth) {
        /** Validates the link. */
        public LinkEntry {
            requireName(name, "a link needs a name, for example SAN-LINK");
            between = between == null ? List.of() : List.copyOf(between);
            if (between.size() != 2 || between.get(0).equalsIgnoreCase(between.get(1))) {
                throw new IllegalArgumentException("link '" + name + "' joins two different arrays: between: [A, B],"
                        + " found " + between);
            }
            if (latency == null || latency.duration().isNegative()) {
                throw new IllegalArgumentException("link '" + name + "' needs a latency that is not negative, for example PT0.005S");
            }
            if (bandwidth == null || bandwidth.bytes() == 0) {
                throw new IllegalArgumentException("link '" + name + "' needs a positive bandwidth in bytes per second,"
                        + " for example 100MB");
            }
        }
    }

    static void requireName(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "StorageSection[" + KEY + "]";
    }

    /** The names of the arrays, for messages. */
    static List<String> arrayNames(Storage storage) {
        List<String> names = new ArrayList<>();
        storage.arrays().forEach(array -> names.add(array.name()));
        return names;
    }
}
