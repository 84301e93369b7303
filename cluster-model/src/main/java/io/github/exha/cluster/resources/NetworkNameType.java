package io.github.exha.cluster.resources;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.ResourceContext;
import io.github.exha.cluster.host.Host;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The "Network Name" resource type: a NetBIOS computer name (the name clients use for a virtual server) registered
 * by the node that owns it. It needs a dependency on an IP Address resource: without one it fails with
 * ERROR_DEPENDENCY_NOT_FOUND (5002, 0x138A), as Windows refuses it. Its {@value #NAME_PROPERTY} must be 1 to
 * {@value #MAX_LENGTH} characters and differ from every host's name and every other online network name of the
 * lab (ignoring case); otherwise it fails with ERROR_RESMON_ONLINE_FAILED (5018) naming the name.
 *
 * <p>One instance serves every cluster of a lab, so duplicate names are seen across clusters.
 */
public final class NetworkNameType extends ClaimingResourceType {
    /** The type name. */
    public static final String NAME = "Network Name";
    /** Private property: the NetBIOS name. */
    public static final String NAME_PROPERTY = "Name";
    /** The longest NetBIOS computer name (the 16th byte is the service suffix). */
    public static final int MAX_LENGTH = 15;
    /** Registering the name on the network. CHOICE: NetBIOS registration takes a couple of seconds. */
    public static final Duration REGISTER = Duration.ofSeconds(2);
    /** Deregistering the name. CHOICE. */
    public static final Duration DEREGISTER = Duration.ofMillis(500);
    /** Journal entry: a node registered the name (attributes name, node, resource). */
    public static final String NAME_REGISTERED = "netname.registered";
    /** Journal entry: a node deregistered the name. */
    public static final String NAME_DEREGISTERED = "netname.deregistered";

    /** Where an online name is registered. */
    private record Registration(String node, String name, String clusterName, String resourceName) {
    }

    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // Keyed by ResourceContext.key(): the names online now, for duplicate detection across the lab.
    private final Map<String, Registration> registrations = new TreeMap<>();

    /** The type over the lab's hosts (whose computer names a network name must not take). */
    public NetworkNameType(List<Host> hosts) {
        super(REGISTER, DEREGISTER);
        Objects.requireNonNull(hosts, "hosts").forEach(host -> this.hosts.put(host.name(), host));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The node a Network Name resource's name is registered by, if it is online. */
    public Optional<String> onlineOn(String clusterName, String resourceName) {
        return Optional.ofNullable(registrations.get(clusterName + "/" + resourceName)).map(Registration::node);
    }

    @Override
    protected void precheck(ResourceContext context) {
        // The cluster service checks the required dependency before calling the resource DLL: fail at once.
        if (!context.dependsOnType(IpAddressType.NAME)) {
            throw new ExhaException(ClusterErrorCode.DEPENDENCY_NOT_FOUND, "The cluster resource dependency cannot be"
                    + " found. Network Name '" + context.resourceName() + "' must depend on an IP Address resource"
                    + " (its dependencies are of types " + context.dependencyTypes() + "). Error ID: 5002 (0x138A)",
                    NativeCode.win32(5002));
        }
    }

    @Override
    protected void claim(ResourceContext context) {
                String name = check(context);
                registrations.put(context.key(), new Registration(context.nodeName(), name,
                        context.clusterName(), context.resourceName()));
                journal(context, NAME_REGISTERED, name);
    }

    @Override
    protected boolean healthy(ResourceContext context) {
        Registration registration = registrations.get(context.key());
        Host host = hosts.get(context.nodeName());
        return registration != null && registration.node().equals(context.nodeName()) && host != null
                && host.isRunning();
    }

    @Override
    protected void release(ResourceContext context) {
        Registration registration = registrations.get(context.key());
        if (registration != null && registration.node().equals(context.nodeName())) {
            registrations.remove(context.key());
            journal(context, NAME_DEREGISTERED, registration.name());
        }
    }

    /** Everything that must hold to register the name; returns it. */
    private String check(ResourceContext context) {
        String name = context.property(NAME_PROPERTY, "").strip();
        if (name.isEmpty()) {
            throw failure(context, "its private property '" + NAME_PROPERTY + "' is not set");
        }
        if (name.length() > MAX_LENGTH) {
            throw failure(context, "the name '" + name + "' has " + name.length() + " characters; a NetBIOS computer"
                    + " name has at most " + MAX_LENGTH);
        }
        Host host = hosts.get(context.nodeName());
        if (host == null || !host.isRunning()) {
            throw failure(context, "node " + context.nodeName() + " is not running, so name '" + name
                    + "' cannot be registered");
        }
        if (hosts.containsKey(name)) {
            throw duplicate(context, name, "host " + hosts.get(name).name());
        }
        for (Map.Entry<String, Registration> entry : registrations.entrySet()) {
            Registration other = entry.getValue();
            if (!entry.getKey().equals(context.key()) && other.name().equalsIgnoreCase(name)) {
                throw duplicate(context, name, "Network Name resource '" + other.resourceName() + "' of cluster "
                        + other.clusterName() + " online on " + other.node());
            }
        }
        return name;
    }

    // Journaled so invariant checkers can prove a name is registered by at most one node at any time.
    private static void journal(ResourceContext context, String entry, String name) {
        context.kernel().journal().append(JournalEntry.Type.STATE_CHANGE, context.clusterName(), entry,
                Map.of("name", name, "node", context.nodeName(), "resource", context.resourceName()));
    }

    private static ExhaException duplicate(ResourceContext context, String name, String holder) {
        // ERROR_DUP_NAME (52)'s wording: NetBIOS refuses a name another computer already holds.
        return failure(context, "name '" + name + "' is already used by " + holder + " (You were not connected"
                + " because a duplicate name exists on the network)");
    }

    private static ExhaException failure(ResourceContext context, String why) {
        return new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED, "The cluster resource could not be brought"
                + " online by the resource monitor: Network Name '" + context.resourceName() + "' on "
                + context.nodeName() + ": " + why + ".", NativeCode.win32(5018));
    }
}
