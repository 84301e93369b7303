package io.github.exha.archfixtures.statics.violating.cluster;

import java.util.TreeSet;

/** Violation: a final reference to a mutable object is still shared state. */
public final class KnownNodes {
    static final TreeSet<String> NODES = new TreeSet<>();
}
