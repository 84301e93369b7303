package io.github.exha.exchange.shell;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.server.InformationStore;
import java.util.Optional;

/**
 * Where a server's Information Store runs and its files live: a stand-alone server's host, or the node running a
 * clustered server's store. The store is optional in the injector (another module binds it), so a lab without one
 * still lists and configures objects; cmdlets that need it fail with a typed error.
 */
final class StoreLocator {
    private final Optional<InformationStore> store;
    private final ExchangeDirectory directory;
    private final Datacenter datacenter;

    StoreLocator(Optional<InformationStore> store, ExchangeDirectory directory, Datacenter datacenter) {
        this.store = store;
        this.directory = directory;
        this.datacenter = datacenter;
    }

    /** The store, or STORE_NOT_RUNNING when the lab has none. */
    InformationStore store(String server) {
        return store.orElseThrow(() -> notRunning(server));
    }

    /** Whether a database is mounted now (false in a lab without a store). */
    boolean isMounted(String databaseIdentity) {
        return store.map(s -> s.isMounted(databaseIdentity)).orElse(false);
    }

    /**
     * The host holding a server's files now: a stand-alone server's own host, else the node its store runs on.
     *
     * @throws ExhaException STORE_NOT_RUNNING for a clustered server whose store runs nowhere
     */
    Host filesHost(ExchangeServer server) {
        String host = switch (server.kind()) {
            case STANDALONE -> server.host().orElseThrow();
            case CLUSTERED_MAILBOX_SERVER, EXCHANGE_VIRTUAL_SERVER -> store(server.name()).runningOn(server.name())
                    .orElseThrow(() -> notRunning(server.name()));
        };
        return datacenter.host(host);
    }

    /**
     * Refuses to change an Exchange 2003 server's objects: EMS lists them but Exchange System Manager manages them.
     */
    static void requireManageable(ExchangeDirectory directory, String serverName) {
        ExchangeServer server = directory.server(serverName);
        if (server.version() == ExchangeVersion.EXCHANGE_2003) {
            String what = server.kind() == ServerKind.EXCHANGE_VIRTUAL_SERVER ? "Exchange Virtual Server" : "server";
            throw new ExhaException(ShellErrorCode.LEGACY_SERVER, "The " + what + " '" + server.name()
                    + "' runs Exchange Server 2003 (" + server.build().displayVersion() + ") and cannot be managed "
                    + "with the Exchange Management Shell. Use Exchange System Manager.");
        }
    }

    private static ExhaException notRunning(String server) {
        return new ExhaException(ShellErrorCode.STORE_NOT_RUNNING, "The Microsoft Exchange Information Store "
                + "service on server '" + server + "' is not running, or the server cannot be reached.");
    }
}
