package io.github.exha.cluster.resources;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.ResourceContext;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
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
 * The "File Share" resource type: a share named {@value #SHARE_NAME} of the directory {@value #PATH}
 * ({@code F:\FSW_CCR_MAIL}) on the node that owns it. It comes online only if the node's host runs, has a volume
 * mounted on the path's drive and the directory exists there, and the node shares nothing else under that name;
 * otherwise it fails with ERROR_RESMON_ONLINE_FAILED (5018) naming the path. While online, LooksAlive and IsAlive
 * fail when the directory or its volume disappears or the host stops.
 */
public final class FileShareType extends ClaimingResourceType {
    /** The type name. */
    public static final String NAME = "File Share";
    /** Private property: the share's name. */
    public static final String SHARE_NAME = "ShareName";
    /** Private property: the shared directory, a full Windows path. */
    public static final String PATH = "Path";
    /** Creating the share. CHOICE. */
    public static final Duration SHARE = Duration.ofSeconds(1);
    /** Removing the share. CHOICE. */
    public static final Duration UNSHARE = Duration.ofMillis(500);
    /** Journal entry: a node shared the directory (attributes share, path, node, resource). */
    public static final String SHARE_CREATED = "share.created";
    /** Journal entry: a node stopped sharing it. */
    public static final String SHARE_REMOVED = "share.removed";

    /** A share online now. */
    private record Share(String node, String shareName, String path) {
    }

    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // Keyed by ResourceContext.key().
    private final Map<String, Share> shares = new TreeMap<>();

    /** The type over the lab's hosts. */
    public FileShareType(List<Host> hosts) {
        super(SHARE, UNSHARE);
        Objects.requireNonNull(hosts, "hosts").forEach(host -> this.hosts.put(host.name(), host));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The node a File Share resource's share is online on, if it is. */
    public Optional<String> onlineOn(String clusterName, String resourceName) {
        return Optional.ofNullable(shares.get(clusterName + "/" + resourceName)).map(Share::node);
    }

    @Override
    protected void claim(ResourceContext context) {
                Share share = check(context);
                shares.put(context.key(), share);
                journal(context, SHARE_CREATED, share);
    }

    @Override
    protected boolean healthy(ResourceContext context) {
        Share share = shares.get(context.key());
        if (share == null || !share.node().equals(context.nodeName())) {
            return false;
        }
        Host host = hosts.get(context.nodeName());
        return host != null && host.isRunning() && isDirectory(host, share.path());
    }

    @Override
    protected void release(ResourceContext context) {
        Share share = shares.get(context.key());
        if (share != null && share.node().equals(context.nodeName())) {
            shares.remove(context.key());
            journal(context, SHARE_REMOVED, share);
        }
    }

    private Share check(ResourceContext context) {
        String shareName = required(context, SHARE_NAME);
        String path = required(context, PATH);
        Host host = hosts.get(context.nodeName());
        if (host == null || !host.isRunning()) {
            throw failure(context, "node " + context.nodeName() + " is not running, so " + path + " cannot be shared");
        }
        WindowsPath resolved;
        try {
            resolved = host.resolve(path);
        } catch (ExhaException e) {
            throw failure(context, "the path " + path + " cannot be found on " + host.name() + " (" + e.getMessage()
                    + ")");
        }
        if (!isDirectory(host, path)) {
            throw failure(context, "the path " + path + " cannot be found on " + host.name() + " (The system cannot"
                    + " find the path specified: no directory " + resolved.path() + " on drive " + resolved.drive() + ")");
        }
        for (Map.Entry<String, Share> entry : shares.entrySet()) {
            Share other = entry.getValue();
            if (!entry.getKey().equals(context.key()) && other.node().equalsIgnoreCase(host.name())
                    && other.shareName().equalsIgnoreCase(shareName)) {
                throw failure(context, "share '" + shareName + "' of " + path + ": the share name is already in use"
                        + " on this server (" + other.path() + ")");
            }
        }
        return new Share(context.nodeName(), shareName, path);
    }

    private static boolean isDirectory(Host host, String path) {
        try {
            WindowsPath resolved = host.resolve(path);
            return resolved.volume().isDirectory(resolved.path());
        } catch (ExhaException e) {
            // No such drive, host stopped or volume gone: the share's directory is not there.
            return false;
        }
    }

    private static String required(ResourceContext context, String name) {
        String value = context.property(name, "").strip();
        if (value.isEmpty()) {
            throw failure(context, "its private property '" + name + "' is not set");
        }
        return value;
    }

    private static void journal(ResourceContext context, String entry, Share share) {
        context.kernel().journal().append(JournalEntry.Type.STATE_CHANGE, context.clusterName(), entry,
                Map.of("share", share.shareName(), "path", share.path(), "node", share.node(),
                        "resource", context.resourceName()));
    }

    private static ExhaException failure(ResourceContext context, String why) {
        return new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED, "The cluster resource could not be brought"
                + " online by the resource monitor: File Share '" + context.resourceName() + "' on "
                + context.nodeName() + ": " + why + ".", NativeCode.win32(5018));
    }
}
