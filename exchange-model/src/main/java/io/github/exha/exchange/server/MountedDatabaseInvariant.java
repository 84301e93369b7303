package io.github.exha.exchange.server;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.DatabaseHeader;
import io.github.exha.exchange.store.DatabaseState;
import io.github.exha.exchange.store.LogSignature;
import io.github.exha.exchange.store.MountState;
import io.github.exha.exchange.store.StorageGroupStore;
import io.github.exha.exchange.store.StoreDatabase;
import io.github.exha.exchange.store.StoreEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * No corrupt database is ever mounted. A mount is corrupt when any of these holds, checked the moment the store
 * reports a database {@code MOUNTED} (a journal subscription, so a transient corrupt mount is caught even if it is
 * dismounted later) and again for every database mounted when the invariant is checked:
 * <ul>
 *   <li><b>two hosts</b>: the database is mounted on a host while another host still has it mounted (split brain:
 *       two stores writing one database, or two copies diverging as if both were active);</li>
 *   <li><b>not attached</b>: its file's header is not in Dirty Shutdown (an attached database's header always is);</li>
 *   <li><b>foreign file</b>: the header names another database object (a file restamped without a mount having done
 *       it, a wrong file at the path);</li>
 *   <li><b>other log stream</b>: the header's log signature differs from the signature of the log stream its storage
 *       group runs (ESE's -530/-532 cases let through);</li>
 *   <li><b>logs not replayed</b>: the header requires a log generation past the stream's current one (recovery was
 *       skipped or stopped early);</li>
 *   <li><b>records dropped</b>: at the mount, the database holds fewer records than its file did (recovery lost
 *       durable data).</li>
 * </ul>
 * A copy activated behind what its source acknowledged is not corrupt but lossy: {@link AcknowledgedMailInvariant}
 * decides whether the design permitted that loss. A database whose file cannot be read now (its LUN not ready, its
 * array off) is not checked: the store fails at its next I/O. Only the lab's default {@link ExchangeInformationStore} exposes the
 * files; with another store only the two-hosts rule is checked.
 */
public final class MountedDatabaseInvariant implements Invariant {
    /** The invariant's name. */
    public static final String NAME = "no-corrupt-database-mounted";

    private final ExchangeDirectory directory;
    private final InformationStore store;
    // database name -> hosts where it is mounted now
    private final Map<String, SortedSet<String>> mountedOn = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> violations = new ArrayList<>();
    private long mountsChecked;

    /** Follows the lab's journal for the store's database state changes. */
    public MountedDatabaseInvariant(ExchangeDirectory directory, InformationStore store, Journal journal) {
        this.directory = directory;
        this.store = store;
        // The store mounted the stand-alone servers' databases as the lab was built, maybe before this existed.
        if (store instanceof ExchangeInformationStore exchange) {
            for (MailboxDatabase database : directory.databases()) {
                mountedStore(exchange, database.identity()).ifPresent(mounted -> mountedOn.computeIfAbsent(
                        mounted.identity().name(), d -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER))
                        .add(mounted.storageGroup().host().name()));
            }
        }
        journal.subscribe(this::observe);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public InvariantResult check() {
        List<String> now = new ArrayList<>(violations);
        int checkedNow = 0;
        if (store instanceof ExchangeInformationStore exchange) {
            for (MailboxDatabase database : directory.databases()) {
                Optional<StoreDatabase> mounted = mountedStore(exchange, database.identity());
                if (mounted.isPresent()) {
                    checkedNow++;
                    problem(mounted.get(), null).ifPresent(p -> now.add("now: " + p));
                }
            }
        }
        String detail = mountsChecked + " mounts checked as they happened, " + checkedNow + " databases mounted now";
        return now.isEmpty() ? new InvariantResult(NAME, true, detail)
                : new InvariantResult(NAME, false, detail + "; " + now.size() + " corrupt: " + String.join("; ",
                        now.subList(0, Math.min(3, now.size()))));
    }

    private void observe(JournalEntry entry) {
        if (entry.type() != JournalEntry.Type.STATE_CHANGE || !entry.name().equals(StoreEvents.DATABASE_STATE)) {
            return;
        }
        String database = entry.attribute("database");
        if (database == null) {
            return;
        }
        SortedSet<String> hosts = mountedOn.computeIfAbsent(database, d -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER));
        if (!MountState.MOUNTED.name().equals(entry.attribute("to"))) {
            hosts.remove(entry.source());
            return;
        }
        mountsChecked++;
        String where = "at " + entry.time() + " (journal entry " + entry.sequence() + ") " + database + " mounted on "
                + entry.source();
        SortedSet<String> others = new TreeSet<>(hosts);
        others.remove(entry.source());
        if (!others.isEmpty()) {
            violations.add(where + " while still mounted on " + String.join(", ", others));
        }
        hosts.add(entry.source());
        if (store instanceof ExchangeInformationStore exchange) {
            Optional<StoreDatabase> mounted = mountedStore(exchange, database);
            if (mounted.isPresent() && mounted.get().storageGroup().host().name().equalsIgnoreCase(entry.source())) {
                problem(mounted.get(), mounted.get().messageIds().size()).ifPresent(p -> violations.add(where + ": "
                        + p));
            }
        }
    }

    private static Optional<StoreDatabase> mountedStore(ExchangeInformationStore exchange, String identity) {
        try {
            return exchange.storeOf(identity).filter(StoreDatabase::isMounted);
        } catch (ExhaException gone) {
            return Optional.empty(); // removed from the directory since
        }
    }

    /**
     * What is corrupt about a mounted database, if anything.
     *
     * @param heldInMemory the records it holds, at a mount (null otherwise)
     */
    static Optional<String> problem(StoreDatabase database, Integer heldInMemory) {
        StorageGroupStore group = database.storageGroup();
        DatabaseFile file;
        try {
            file = database.readFile();
        } catch (ExhaException unreachable) {
            // Its LUN is not ready or its array is off: the store fails at its next I/O; nothing to check now.
            return Optional.empty();
        }
        DatabaseHeader header = file.header();
        String who = database.identity().name() + " on " + group.host().name();
        if (header.state() != DatabaseState.DIRTY_SHUTDOWN) {
            return Optional.of(who + " is mounted but its header says " + header.state().display());
        }
        if (!header.owner().equals(database.identity())) {
            return Optional.of(who + " is mounted from a file of another database: " + header.owner());
        }
        Optional<LogSignature> stream = group.logSignature();
        if (stream.isEmpty() || !stream.get().equals(header.logSignature())) {
            return Optional.of(who + " is mounted with log signature " + header.logSignature().display()
                    + " but its storage group's stream is " + stream.map(LogSignature::display).orElse("not running"));
        }
        if (header.logRequired().high() > group.currentGeneration()) {
            return Optional.of(who + " is mounted but its header requires logs " + header.logRequired()
                    + ", past the current generation " + group.currentGeneration());
        }
        if (heldInMemory != null && heldInMemory < file.records().size()) {
            return Optional.of(who + " was mounted holding " + heldInMemory + " records, fewer than the "
                    + file.records().size() + " its file held");
        }
        return Optional.empty();
    }
}
