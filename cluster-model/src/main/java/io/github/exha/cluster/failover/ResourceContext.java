package io.github.exha.cluster.failover;

import io.github.exha.core.kernel.Kernel;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link ResourceType} sees of one resource when the engine calls it: which resource, which node hosts
 * it, its private properties and the world's kernel (scheduler, operations, fault points, journal). Physical
 * Disk, IP Address and Network Name types find their host and storage from the node name and the properties.
 *
 * @param clusterName the cluster's name
 * @param groupName the resource's group
 * @param resourceName the resource's name
 * @param nodeName the node the resource runs on, is brought online on, or would be (its group's owner); empty
 *     when the group has no owner
 * @param privateProperties the resource's private properties, sorted by name
 * @param kernel the world's kernel
 * @param dependencyTypes the type names of the resources this one depends on, in the order the dependencies were
 *     added (a Network Name checks it has an IP Address among them)
 */
public record ResourceContext(String clusterName, String groupName, String resourceName, String nodeName,
        Map<String, String> privateProperties, Kernel kernel, List<String> dependencyTypes) {

    /** Validates the context and copies the properties. */
    public ResourceContext {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(kernel, "kernel");
        privateProperties = Collections.unmodifiableMap(new TreeMap<>(privateProperties));
        dependencyTypes = List.copyOf(dependencyTypes);
    }

    /** A context for a resource without dependencies. */
    public ResourceContext(String clusterName, String groupName, String resourceName, String nodeName,
            Map<String, String> privateProperties, Kernel kernel) {
        this(clusterName, groupName, resourceName, nodeName, privateProperties, kernel, List.of());
    }

    /** Whether the resource depends on a resource of the type named {@code typeName} (ignoring case). */
    public boolean dependsOnType(String typeName) {
        return dependencyTypes.stream().anyMatch(type -> type.equalsIgnoreCase(typeName));
    }

    /** The private property {@code name}, or {@code defaultValue}. */
    public String property(String name, String defaultValue) {
        return privateProperties.getOrDefault(name, defaultValue);
    }

    /** A key naming this resource uniquely within the world: {@code cluster/resource}. */
    public String key() {
        return clusterName + "/" + resourceName;
    }
}
