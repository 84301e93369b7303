package io.github.exha.exchange.clustering;

import java.util.SortedSet;

import io.github.exha.exchange.config.Mailbox;

import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MailboxUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** A hand-written Information Store: remembers where stores run and which databases are mounted. */
public final class FakeInformationStore implements InformationStore {
    private final Kernel kernel;
    private final Map<String, String> running = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final TreeSet<String> mounted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private boolean refusingStarts;

    /** A store on the lab's kernel. */
    public FakeInformationStore(Kernel kernel) {
        this.kernel = kernel;
    }

    private Operation<Void> done(String what) {
        Operation<Void> operation = kernel.operations().create(what);
        operation.complete(null);
        return operation;
    }

    /** Makes every later start fail (a store that cannot start), or start again. */
    public void refuseStarts(boolean refuse) {
        refusingStarts = refuse;
    }

    @Override
    public Operation<Void> start(String server, String host, boolean mountDatabases) {
        if (refusingStarts) {
            Operation<Void> operation = kernel.operations().create("start store " + server);
            operation.fail(new io.github.exha.core.error.ExhaException(ClusteringErrorCode.WRONG_STATE,
                    "The Microsoft Exchange Information Store service on " + host + " could not start."));
            return operation;
        }
        running.put(server, host);
        if (mountDatabases) {
            mounted.add(server + "\\*");
        }
        return done("start store " + server);
    }

    @Override
    public Operation<Void> stop(String server) {
        terminate(server);
        return done("stop store " + server);
    }

    @Override
    public void terminate(String server) {
        running.remove(server);
        mounted.removeIf(d -> d.toLowerCase(java.util.Locale.ROOT).startsWith(server.toLowerCase(java.util.Locale.ROOT)
                + "\\"));
    }

    @Override
    public Optional<String> runningOn(String server) {
        return Optional.ofNullable(running.get(server));
    }

    @Override
    public Operation<Void> mount(String databaseIdentity) {
        mounted.add(databaseIdentity);
        return done("mount " + databaseIdentity);
    }

    @Override
    public Operation<Void> dismount(String databaseIdentity) {
        mounted.remove(databaseIdentity);
        return done("dismount " + databaseIdentity);
    }

    @Override
    public boolean isMounted(String databaseIdentity) {
        return mounted.contains(databaseIdentity);
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

    // Nothing is delivered, so a mounted database holds nothing for anyone.
    @Override
    public Optional<List<MailboxUsage>> mailboxUsage(String databaseIdentity) {
        return isMounted(databaseIdentity) ? Optional.of(List.of()) : Optional.empty();
    }

    @Override
    public void closeCurrentLogForBackup(String databaseIdentity) {
        // the fake keeps no logs
    }
}
