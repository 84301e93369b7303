package io.github.exha.core.topology;

/**
 * A top-level section of a topology file that a module contributes, for example {@code hosts:} or {@code arrays:}.
 * Modules bind their sections into a set (a Guice {@code Multibinder}); the {@link TopologyLoader} binds each
 * section's YAML value to {@link #type()} with Jackson.
 *
 * @param <T> the value the section's YAML binds to, usually a record validated in its compact constructor
 */
public interface TopologySection<T> {
    /** The top-level YAML key, for example {@code hosts}; unique across all sections and the built-in keys. */
    String key();

    /** The type the section's value binds to. */
    Class<T> type();

    /** One line saying what the section describes, for help texts and error messages. */
    String description();
}
