package io.github.exha.core.topology;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One loaded topology: the simulated world's identity (name, seed, start instant) and the values of the
 * sections that modules contributed.
 *
 * @param file the file the topology came from, as the user named it, or {@code <none>}
 * @param name the world's name, never blank
 * @param seed the master seed of the world's random streams (0 when the file has none; the CLI may override it)
 * @param start the virtual instant at which the simulation starts
 * @param description free text describing the world, or {@code null}
 * @param sections section values keyed by section key; sections absent from the file are absent here
 */
public record Topology(String file, String name, long seed, Instant start, String description, Map<String, Object> sections) {
    /** The start instant when a topology names none: 1 March 2008, the era of Exchange 2007 SP1. */
    public static final Instant DEFAULT_START = Instant.parse("2008-03-01T00:00:00Z");

    /** The file name of a topology that did not come from a file. */
    public static final String NO_FILE = "<none>";

    /** Validates the values and copies the sections into an unmodifiable map with a stable (sorted) order. */
    public Topology {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(sections, "sections");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topology name must not be blank");
        }
        // Sorted rather than Map.copyOf: iteration order must not vary between runs of a deterministic simulation.
        TreeMap<String, Object> copy = new TreeMap<>();
        sections.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "section key"), Objects.requireNonNull(value, () -> "section " + key)));
        sections = Collections.unmodifiableMap(copy);
    }

    /** A topology with only a name and a seed, for tests and for the CLI when no file is given. */
    public static Topology minimal(String name, long seed) {
        return new Topology(NO_FILE, name, seed, DEFAULT_START, null, Map.of());
    }

    /** The value of {@code section}, or empty when the file does not have that section. */
    public <T> Optional<T> section(TopologySection<T> section) {
        Objects.requireNonNull(section, "section");
        return Optional.ofNullable(sections.get(section.key())).map(section.type()::cast);
    }
}
