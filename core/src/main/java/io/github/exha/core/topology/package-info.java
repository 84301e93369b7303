/**
 * Topology files: the YAML document describing one simulated world (its name, seed and start instant, plus the
 * sections that modules contribute, such as hosts, arrays and clusters). {@link io.github.exha.core.topology.TopologyLoader}
 * reads a file defensively (size, nesting, alias and tag limits) and reports every mistake with its
 * {@code file:line:column} and key path.
 */
package io.github.exha.core.topology;
