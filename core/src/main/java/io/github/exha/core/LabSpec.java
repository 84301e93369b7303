package io.github.exha.core;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a lab is built from.
 *
 * @param topology where the topology comes from
 * @param seed the seed for every random stream; empty means the topology's own seed
 */
public record LabSpec(TopologySource topology, OptionalLong seed) {
    public LabSpec {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(seed, "seed");
    }

    /** A lab from a topology with its own seed. */
    public static LabSpec of(TopologySource topology) {
        return new LabSpec(topology, OptionalLong.empty());
    }
}
