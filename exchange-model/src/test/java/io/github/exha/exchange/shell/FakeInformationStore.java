package io.github.exha.exchange.shell;

import java.util.SortedSet;

import io.github.exha.exchange.config.Mailbox;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.error.ExchangeErrorCode;
import io.github.exha.exchange.server.InformationStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import io.github.exha.exchange.server.MailboxUsage;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A hand-written store: which server runs where and which databases are mounted; mounts take one second. */
final class FakeInformationStore implements InformationStore {
    private final Kernel kernel;
    private final ExchangeDirectory directory;
    private final Map<String, String> running = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> mounted = new LinkedHashSet<>();
    /** Every mount and dismount, in order ({@code mount SRV\SG\DB}). */
    final List<String> calls = new ArrayList<>();
    /** What a test says each database holds, by database identity (lower case); mounted databases hold nothing else. */
    final Map<String, List<MailboxUsage>> usage = new TreeMap<>();

    FakeInformationStore(Kernel kernel, ExchangeDirectory directory) {
        this.kernel = kernel;
        this.directory = directory;
    }

    @Override
    public Operation<Void> start(String server, String host, boolean mountDatabases) {
        running.put(server, host);
        if (mountDatabases) {
            directory.databasesOnServer(server).forEach(d -> mounted.add(d.identity().toLowerCase()));
        }
        return kernel.operations().completeAfter(Duration.ZERO, "start " + server, () -> null);
    }

    @Override
    public Operation<Void> stop(String server) {
        directory.databasesOnServer(server).forEach(d -> mounted.remove(d.identity().toLowerCase()));
        running.remove(server);
        return kernel.operations().completeAfter(Duration.ZERO, "stop " + server, () -> null);
    }

    @Override
    public void terminate(String server) {
        running.remove(server);
    }

    @Override
    public Optional<String> runningOn(String server) {
        return Optional.ofNullable(running.get(server));
    }

    @Override
    public Operation<Void> mount(String databaseIdentity) {
        String id = directory.database(databaseIdentity).identity();
        String server = directory.database(databaseIdentity).server();
        if (!running.containsKey(server)) {
            throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "Couldn't mount the database that you "
                    + "specified. Specified database: " + id + "; Error code: MapiExceptionNetworkError.");
        }
        calls.add("mount " + id);
        return kernel.operations().completeAfter(Duration.ofSeconds(1), "mount " + id, () -> {
            mounted.add(id.toLowerCase());
            return null;
        });
    }

    @Override
    public Operation<Void> dismount(String databaseIdentity) {
        String id = directory.database(databaseIdentity).identity();
        calls.add("dismount " + id);
        return kernel.operations().completeAfter(Duration.ofSeconds(1), "dismount " + id, () -> {
            mounted.remove(id.toLowerCase());
            return null;
        });
    }

    @Override
    public boolean isMounted(String databaseIdentity) {
        return mounted.contains(directory.database(databaseIdentity).identity().toLowerCase());
    }

    // This fake holds no mail: nothing is delivered and no database can say what it holds.
    @Override
    public Optional<Operation<Void>> deliver(Mailbox mailbox, long messageId, long logicalSize, int checksum) {
        return Optional.empty();
    }

    @Override
    public Optional<SortedSet<Long>> heldMessages(String databaseIdentity) {
        return Optional.empty();
    }

    @Override
    public Optional<List<MailboxUsage>> mailboxUsage(String databaseIdentity) {
        String id = directory.database(databaseIdentity).identity().toLowerCase();
        return mounted.contains(id) ? Optional.of(usage.getOrDefault(id, List.of())) : Optional.empty();
    }

    @Override
    public void closeCurrentLogForBackup(String databaseIdentity) {
        // the fake keeps no logs
    }
}
