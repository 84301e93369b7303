package io.github.exha.core.invariant;

/**
 * A property the simulated world must always have (one owner per resource, at most one partition with quorum, no
 * acknowledged message lost...). Modules contribute invariants through a Guice {@code Multibinder<Invariant>}; runs
 * check them and report each in their result.
 */
public interface Invariant {
    /** A stable, kebab-case name ({@code one-owner-per-resource}). */
    String name();

    /** Checks the world now. */
    InvariantResult check();
}
