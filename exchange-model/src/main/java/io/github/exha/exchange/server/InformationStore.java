package io.github.exha.exchange.server;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.OpenFile;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.Mailbox;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The Microsoft Exchange Information Store service of every Exchange server in the lab: where each server's store
 * runs and which of its databases are mounted. A stand-alone server's store runs on its host; a CMS's or EVS's runs
 * on the node its cluster group is on, started and stopped by the Information Store resource, with databases mounted
 * by the Database Instance resources (2007) or by the store itself (2003). Mounting runs recovery on the store's
 * files; see {@code io.github.exha.exchange.store}.
 *
 * <p>Operations fail with typed errors and change nothing when refused.
 */
public interface InformationStore {
    /**
     * Starts a server's store on a host and mounts the databases marked to mount at startup (unless
     * {@code mountDatabases} is false, as for a 2007 CMS whose Database Instance resources mount them).
     *
     * @param server the Exchange server (stand-alone, CMS or EVS)
     * @param host the host it runs on now
     */
    Operation<Void> start(String server, String host, boolean mountDatabases);

    /** Dismounts every database of the server cleanly and stops its store. */
    Operation<Void> stop(String server);

    /** Stops a server's store at once without flushing anything (the host crashed or the resource was terminated). */
    void terminate(String server);

    /** The host a server's store runs on, if it runs. */
    Optional<String> runningOn(String server);

    /**
     * Mounts a database: the store must run; recovery replays the storage group's logs.
     *
     * @param databaseIdentity {@code Server\Storage Group\Database} or a unique shorter identity
     */
    Operation<Void> mount(String databaseIdentity);

    /** Dismounts a database with a clean shutdown. */
    Operation<Void> dismount(String databaseIdentity);

    /** Whether a database is mounted now. */
    boolean isMounted(String databaseIdentity);

    /**
     * Delivers a message to a mailbox's database.
     *
     * @return the delivery, which completes once the message's log record is durable (acknowledged) or fails; empty
     *     when the database is not mounted now (transport keeps the message queued)
     */
    Optional<Operation<Void>> deliver(Mailbox mailbox, long messageId, long logicalSize, int checksum);

    /**
     * The ids of the messages a database holds, read from a mounted database or from the file of one shut down
     * cleanly; empty when neither can tell (the server does not run, or the database needs recovery).
     */
    Optional<SortedSet<Long>> heldMessages(String databaseIdentity);

    /**
     * What each mailbox holds in a mounted database, read from the database's records: one summary per mailbox that
     * holds at least one message, ordered by mailbox (case-insensitive). Mailboxes that hold nothing have no entry.
     *
     * @return the summaries; empty when the database is not mounted now (the store cannot be asked about it)
     */
    Optional<List<MailboxUsage>> mailboxUsage(String databaseIdentity);

    /**
     * Closes the current log of a database's storage group where its server runs, as the streaming backup that seeds a
     * copy does (the backup's records make the log non-empty). Nothing happens when the server does not run.
     */
    void closeCurrentLogForBackup(String databaseIdentity);

    /**
     * The files the store keeps open on a host now, which Windows lets no other process move or delete: for each
     * storage group whose instance runs there, its current and next logs, reserve logs and checkpoint, and the file of
     * each mounted database. A store that does not say holds none.
     */
    default List<OpenFile> openFiles(Host host) {
        return List.of();
    }
}
