package io.github.exha.archfixtures.statics.violating.cluster;

import java.util.HashMap;
import java.util.Map;

/** Violation: a final reference to a mutable object is still shared state. */
public final class ResourceTypeTable {
    private static final HashMap<String, String> TYPES = new HashMap<>();

    public static Map<String, String> types() {
        return TYPES;
    }
}
