package io.github.exha.core;

import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.Objects;

/** Where a lab's topology comes from: a YAML file, YAML text, or nothing but a name. */
public sealed interface TopologySource {
    /** Loads the topology with the lab's loader (which knows every module's sections). */
    Topology load(TopologyLoader loader);

    /** A YAML file. */
    static TopologySource file(Path file) {
        return new FromFile(file);
    }

    /** YAML text, with the file name used in error positions. */
    static TopologySource text(String fileName, String yaml) {
        return new FromText(fileName, yaml);
    }

    /** A world with only a name (seed 0, default start): what {@code exha run} uses without {@code --topology}. */
    static TopologySource minimal(String name) {
        return new Minimal(name);
    }

    /** @param file the YAML file */
    record FromFile(Path file) implements TopologySource {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public Topology load(TopologyLoader loader) {
            return loader.load(file);
        }
    }

    /** @param fileName name for positions @param yaml the text */
    record FromText(String fileName, String yaml) implements TopologySource {
        public FromText {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(yaml, "yaml");
        }

        @Override
        public Topology load(TopologyLoader loader) {
            return loader.parse(fileName, yaml);
        }
    }

    /** @param name the lab's name */
    record Minimal(String name) implements TopologySource {
        public Minimal {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Topology load(TopologyLoader loader) {
            return Topology.minimal(name, 0);
        }
    }
}
