package io.github.exha.availability;

import java.util.List;
import java.util.Objects;

/**
 * The estimate of one topology.
 *
 * @param topology the topology file, as the user named it
 * @param name the topology's name
 * @param design the design as understood, in one line
 * @param failover where the automatic failover time came from (declared, measured in the simulator, or default)
 * @param outages how many outages the trials saw in all
 * @param metrics every {@link Metric}, in its order
 */
public record TopologyEstimate(String topology, String name, String design, String failover, long outages,
        List<MetricEstimate> metrics) {
    /** Validates and copies. */
    public TopologyEstimate {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(failover, "failover");
        metrics = List.copyOf(metrics);
    }

    /** The estimate of {@code metric}. */
    public MetricEstimate metric(Metric metric) {
        return metrics.stream().filter(m -> m.metric() == metric).findFirst().orElseThrow();
    }
}
