package io.github.exha.replication.san;

import io.github.exha.core.topology.TopologySection;
import io.github.exha.storage.spi.ReplicationMode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code sanReplication:} section: the consistency groups the arrays replicate, declared next to the
 * {@code storage:} section (which has arrays, LUNs and links but no groups). The lab creates each group on its source
 * array through the storage SPI, adds its pairs and, unless {@code enabled: false}, enables it and waits for the first
 * full copy, so the world starts replicating — as a site that already runs storage-based site resilience does.
 *
 * <pre>
 * sanReplication:
 *   groups:
 *     - name: EXCH-MAIN-CG
 *       source: SAN-MAIN          # the array hosts write to
 *       target: SAN-DR            # the array holding the copies
 *       link: SAN-LINK            # a link of the storage section between them
 *       mode: SYNC                # SYNC or ASYNC
 *       pairs:
 *         - { source: EXCH-DATA, target: EXCH-DATA-R }
 *         - { source: EXCH-LOGS }   # target defaults to the source LUN's name
 * </pre>
 *
 * CHOICE: groups are declared in this module's own section rather than in {@code storage:} because replication
 * groups are the replication module's concern and the cluster model's section has no place for them; a runbook
 * cannot create groups (only operate them), as an administrator inherits them from the SAN team.
 */
public final class SanReplicationSection implements TopologySection<SanReplicationSection.SanReplication> {
    /** The section's key. */
    public static final String KEY = "sanReplication";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<SanReplication> type() {
        return SanReplication.class;
    }

    @Override
    public String description() {
        return "SAN consistency groups and their replication pairs between the storage section's arrays";
    }

    /**
     * The section's value.
     *
     * @param groups the consistency groups, names unique (ignoring case)
     */
    public record SanReplication(List<GroupEntry> groups) {
        /** Checks that group names are unique. */
        public SanReplication {
            groups = groups == null ? List.of() : List.copyOf(groups);
            Set<String> names = new HashSet<>();
            for (GroupEntry group : groups) {
                if (!names.add(group.name().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("two consistency groups are named '" + group.name() + "'");
                }
            }
        }
    }

    /**
     * One consistency group.
     *
     * @param name the group's name, unique on both arrays
     * @param source the array hosts write to
     * @param target the array holding the copies
     * @param link the storage section's link to replicate over
     * @param mode SYNC or ASYNC; defaults to SYNC
     * @param enabled whether the lab starts it replicating; defaults to true
     * @param pairs at least one pair; a source LUN appears once
     */
    public record GroupEntry(String name, String source, String target, String link, ReplicationMode mode,
            Boolean enabled, List<PairEntry> pairs) {
        /** Validates the group alone; the arrays, link and LUNs are checked when the lab builds it. */
        public GroupEntry {
            require(name, "a consistency group needs a name, for example EXCH-MAIN-CG");
            require(source, "consistency group '" + name + "' needs its source array");
            require(target, "consistency group '" + name + "' needs its target array");
            require(link, "consistency group '" + name + "' needs the link it replicates over");
            if (source.equalsIgnoreCase(target)) {
                throw new IllegalArgumentException("consistency group '" + name + "' replicates between two different"
                        + " arrays, found " + source + " twice");
            }
            mode = mode == null ? ReplicationMode.SYNC : mode;
            enabled = enabled == null ? Boolean.TRUE : enabled;
            pairs = pairs == null ? List.of() : List.copyOf(pairs);
            if (pairs.isEmpty()) {
                throw new IllegalArgumentException("consistency group '" + name + "' needs at least one pair: pairs:"
                        + " [{ source: LUN, target: LUN }]");
            }
            Set<String> sources = new HashSet<>();
            for (PairEntry pair : pairs) {
                if (!sources.add(pair.source().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("consistency group '" + name + "' pairs LUN '" + pair.source()
                            + "' twice");
                }
            }
        }
    }

    /**
     * One replication pair.
     *
     * @param source the LUN on the source array
     * @param target the LUN on the target array; defaults to the source's name
     */
    public record PairEntry(String source, String target) {
        /** Validates the pair. */
        public PairEntry {
            require(source, "a pair names its source LUN");
            target = target == null || target.isBlank() ? source : target;
        }
    }

    private static void require(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "SanReplicationSection[" + KEY + "]";
    }
}
