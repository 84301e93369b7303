package io.github.exha.cluster.failover;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The resource types a cluster knows, by name (case-insensitive, as Windows treats them). The cluster module binds
 * the map with a {@code MapBinder<String, ResourceType>}, so other modules (Exchange) contribute their types.
 */
public final class ResourceTypeRegistry {
    private final Map<String, ResourceType> types = new TreeMap<>();

    /**
     * A registry of {@code types}, keyed by type name.
     *
     * @throws IllegalArgumentException if a key differs from its type's name or two names differ only in case
     */
    @Inject
    public ResourceTypeRegistry(Map<String, ResourceType> types) {
        Objects.requireNonNull(types, "types");
        // Sorted copy: iteration order must not depend on the binder's order.
        new TreeMap<>(types).forEach((name, type) -> {
            Objects.requireNonNull(type, () -> "resource type " + name);
            if (!name.equalsIgnoreCase(type.name())) {
                throw new IllegalArgumentException("resource type bound as '" + name + "' is named '" + type.name() + "'");
            }
            if (this.types.putIfAbsent(key(name), type) != null) {
                throw new IllegalArgumentException("resource type '" + name + "' is bound twice");
            }
        });
    }

    /** A registry of the given types. */
    public static ResourceTypeRegistry of(ResourceType... types) {
        Map<String, ResourceType> map = new TreeMap<>();
        for (ResourceType type : types) {
            map.put(type.name(), type);
        }
        return new ResourceTypeRegistry(map);
    }

    /**
     * The type named {@code name}.
     *
     * @throws ExhaException {@code RESOURCE_TYPE_NOT_FOUND} (ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, 5078)
     */
    public ResourceType type(String name) {
        ResourceType type = name == null ? null : types.get(key(name));
        if (type == null) {
            throw new ExhaException(ClusterErrorCode.RESOURCE_TYPE_NOT_FOUND,
                    "The specified resource type was not found: '" + name + "'. Known types: " + names() + ".",
                    NativeCode.win32(5078));
        }
        return type;
    }

    /** The names of the known types, sorted. */
    public List<String> names() {
        return types.values().stream().map(ResourceType::name).toList();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
