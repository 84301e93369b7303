package io.github.exha.archfixtures.statics.violating.cluster;

import java.util.LinkedHashMap;

/** Violation: a final reference to a mutable object is still shared state. */
public final class InsertionOrderedCache {
    static final LinkedHashMap<String, Integer> CACHE = new LinkedHashMap<>();
}
