package io.github.exha.cluster.resources;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.membership.QuorumErrorCode;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a node sees of a witness share {@code \\SERVER\Share} now: whether the server answers over the lab's
 * networks, the share exists, and the cluster's computer account has Full Control through it. Shared by the File
 * Share Witness and Majority Node Set resource types and by quorum configuration.
 */
public final class WitnessShare {
    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final HostConnectivity connectivity;

    /** The check over the lab's hosts and networks. */
    public WitnessShare(Iterable<Host> hosts, HostConnectivity connectivity) {
        hosts.forEach(host -> this.hosts.put(host.name(), host));
        this.connectivity = connectivity;
    }

    /** A UNC path split into server and share. */
    public record UncPath(String server, String share) {
        /** {@code \\SERVER\Share}. */
        @Override
        public String toString() {
            return "\\\\" + server + "\\" + share;
        }
    }

    /**
     * Parses {@code \\SERVER\Share}.
     *
     * @throws ExhaException {@code cluster.bad-net-path} (ERROR_BAD_NETPATH, 53) for anything else
     */
    public static UncPath parse(String text) {
        String value = text == null ? "" : text.strip();
        if (!value.startsWith("\\\\")) {
            throw badPath(value, "it is not a UNC path such as \\\\HUB1\\FSW_CCR_MAIL");
        }
        String[] parts = value.substring(2).split("\\\\", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw badPath(value, "a witness is a share on a server: \\\\SERVER\\Share, without a folder below it");
        }
        return new UncPath(parts[0], parts[1]);
    }

    /**
     * Why {@code node} cannot use the share as witness for the cluster whose account is {@code account}, or empty
     * when it can.
     */
    public Optional<ExhaException> problem(String node, UncPath path, String account) {
        Host server = hosts.get(path.server());
        Host from = hosts.get(node);
        if (server == null || !server.isRunning() || from == null || !connectivity.reachesOnAnyNetwork(from, server)) {
            return Optional.of(new ExhaException(ClusterErrorCode.BAD_NET_PATH, "The network path was not found. ("
                    + path + " from " + node + ": " + (server == null ? "no computer is named " + path.server()
                            : !server.isRunning() ? path.server() + " is not running" : "no network reaches "
                                    + path.server()) + ")", NativeCode.win32(53)));
        }
        if (server.sharing().find(path.share()).isEmpty()) {
            return Optional.of(new ExhaException(ClusterErrorCode.BAD_NET_PATH, "The network name cannot be found. ("
                    + path + ": " + server.name() + " has no share '" + path.share() + "')", NativeCode.win32(67)));
        }
        if (!server.sharing().grantsFullControl(path.share(), account)) {
            return Optional.of(new ExhaException(QuorumErrorCode.WITNESS_ACCESS_DENIED, "Access is denied. (" + path
                    + " does not give the cluster computer account " + account + " Full Control through both the share"
                    + " permissions (net share /GRANT) and the folder permissions (cacls))", NativeCode.win32(5)));
        }
        return Optional.empty();
    }

    /** The cluster computer account of {@code clusterName}: {@code CLUSTERNAME$}. */
    public static String account(String clusterName) {
        return clusterName.toUpperCase(Locale.ROOT) + "$";
    }

    private static ExhaException badPath(String value, String why) {
        return new ExhaException(ClusterErrorCode.BAD_NET_PATH, "The network path was not found. ('" + value + "': "
                + why + ")", NativeCode.win32(53));
    }
}
