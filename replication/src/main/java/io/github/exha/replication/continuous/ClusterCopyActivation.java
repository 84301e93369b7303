package io.github.exha.replication.continuous;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Timer;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.clustering.DatabaseMountGate;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.TransportDumpster;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.DatabaseState;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.exchange.store.StoreEvents;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * CCR's side of a clustered mailbox server coming online on the node that held the passive copy (DOMAIN.md §3). A
 * <b>scheduled</b> move (the old active runs and is reachable) first copies every log the copy lacks, the old active's
 * current log included, and mounts losslessly. An <b>unscheduled</b> failover (the old active is down or unreachable)
 * counts the logs the old active had closed that the copy never inspected, and mounts only within the CMS's
 * AutoDatabaseMountDial (0 / 3 / 6), or once ForcedDatabaseMountAfter has passed, or losslessly once the old active is
 * back; otherwise the database stays dismounted and the copy's status says why. The copy's last inspected log becomes
 * the current log, so the new active numbers on from it; after a lossy mount the transport dumpster resubmits the
 * storage group's mail.
 *
 * <p>Then the copy direction reverses: the old active becomes the copy's target. Its files are brought in line
 * ({@link IncrementalReseed}) once the new active closed a log past the activation point, as divergence is only seen
 * when new logs arrive.
 */
public final class ClusterCopyActivation implements DatabaseMountGate {
    /** Journaled when a passive copy is activated (attributes: lossless, missing). */
    public static final String ACTIVATED = "copy.activated";
    /** Journaled when the dial keeps a database dismounted after a failover. */
    public static final String MOUNT_HELD = "copy.mount-held";

    private final Kernel kernel;
    private final ExchangeDirectory directory;
    private final Datacenter datacenter;
    private final HostConnectivity connectivity;
    private final ClusteredMailboxServers clusteredServers;
    private final Provider<ReplicationService> service;
    private final Provider<InformationStore> store;
    private final Provider<TransportDumpster> dumpster;
    private final IncrementalReseed reseed;
    // "storage group identity|host" -> the newest log the storage group's store on that host closed
    private final Map<String, Long> closedOn = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // database identity -> a failover the dial keeps dismounted
    private final Map<String, Held> held = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // database identities mounted after a lossy activation, waiting for the mount to resubmit mail
    private final List<String> lossyMounts = new ArrayList<>();
    // reversed copy -> the generation its new active started from: reseed once a later log is closed
    private final Map<StorageGroupCopy, Long> reversed = new LinkedHashMap<>();
    private Timer poll;

    private record Held(String server, String database, StorageGroupCopy copy, String node, long missing,
            Optional<Timer> forced) {
    }

    /** Over the lab's services; follows the stores' log rolls in the journal. */
    public ClusterCopyActivation(Kernel kernel, ExchangeDirectory directory, Datacenter datacenter,
            HostConnectivity connectivity, ClusteredMailboxServers clusteredServers,
            Provider<ReplicationService> service, Provider<InformationStore> store,
            Provider<TransportDumpster> dumpster) {
        this.kernel = kernel;
        this.directory = directory;
        this.datacenter = datacenter;
        this.connectivity = connectivity;
        this.clusteredServers = clusteredServers;
        this.service = service;
        this.store = store;
        this.dumpster = dumpster;
        this.reseed = new IncrementalReseed(kernel);
        kernel.journal().subscribe(this::observe);
    }

    // What the old active had closed is what an unscheduled failover measures its loss against: Exchange learns it from
    // the copier's file notifications, the lab from the store's log rolls.
    private void observe(JournalEntry entry) {
        if (!entry.name().equals(StoreEvents.LOG_ROLLED)) {
            return;
        }
        String group = entry.attributes().get("storageGroup");
        String generation = entry.attributes().get("generation");
        if (group != null && generation != null) {
            closedOn.put(group + "|" + entry.source(), Long.parseLong(generation) - 1);
        }
    }

    @Override
    public Operation<Decision> beforeMount(ExchangeServer server, String databaseIdentity, String node) {
        MailboxDatabase database = directory.database(databaseIdentity);
        StorageGroup group = directory.storageGroup(database.storageGroupIdentity());
        held.remove(database.identity());
        if (group.replicated() != ReplicationKind.CLUSTER) {
            return decided(Decision.MOUNT);
        }
        followRecovery(server, group, node);
        Optional<StorageGroupCopy> found = service.get().copy(group, node).filter(c -> c.kind() == CopyKind.CLUSTER);
        if (found.isEmpty()) {
            // The node holds the active's own files (a restart in place): nothing to activate.
            return decided(Decision.MOUNT);
        }
        StorageGroupCopy copy = found.get();
        stopPipeline(copy);
        Host target = datacenter.host(node);
        Optional<Host> oldActive = oldActive(server, node);
        // A reversed copy whose files were never brought in line with the other node's stream (that node went down
        // or was cut off first) holds this node's own files as it left them: they are as stale as a copy that stopped
        // at its newest log, not a restart in place (found by the site chaos test, seed 20080330).
        boolean stale = !copy.isSeeded();
        if (stale && oldActive.filter(old -> reachable(old, target)).isPresent()) {
            reseed.run(copy, logs(oldActive.get(), group.logFolderPath(), group), logs(target,
                    copy.paths().logFolder(), group), target);
            if (copy.isFailed()) {
                return decided(Decision.LEAVE_DISMOUNTED);
            }
            long first = copy.lastReplayed + 1;
            return replayFirst(copyLastLogs(copy, group, oldActive.get(), target, Decision.MOUNT,
                    database.identity()), copy, group, target, first);
        }
        if (!stale && oldActive.filter(old -> reachable(old, target)).isPresent()) {
            return copyLastLogs(copy, group, oldActive.get(), target, Decision.MOUNT, database.identity());
        }
        long newestHere = stale ? lastClosedIn(logs(target, copy.paths().logFolder(), group)) : copy.lastInspected;
        long lastClosed = Math.max(copy.latestAvailable, oldActive.map(old -> closedOn.getOrDefault(
                group.identity() + "|" + old.name(), 0L)).orElse(0L));
        long missing = Math.max(0, lastClosed - newestHere);
        int allowed = server.autoDatabaseMountDial().maxMissingLogs();
        if (missing <= allowed && stale) {
            activateStale(copy, group, target, missing, newestHere);
            lossyMounts.add(database.identity());
            return decided(Decision.MOUNT);
        }
        if (missing <= allowed) {
            Operation<Decision> decision = kernel.operations().create("activate " + copy);
            activateLossy(copy, group, target, missing).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    decision.fail(exha(failure));
                } else {
                    lossyMounts.add(database.identity());
                    decision.complete(Decision.MOUNT);
                }
            });
            return decision;
        }
        String reason = "The database '" + database.identity() + "' was not mounted on " + target.name() + " after "
                + "the failover: " + missing + " log file(s) were not copied from " + oldActive.map(Host::name)
                .orElse("the old active node") + ", more than AutoDatabaseMountDial " + dialName(server)
                + " allows (" + allowed + "). Bring the old active node back, or wait for ForcedDatabaseMountAfter.";
        copy.failedMessage = reason;
        Optional<Timer> forced = server.forcedDatabaseMountAfter().map(after -> kernel.scheduler().schedule(after,
                () -> forceMount(database.identity())));
        held.put(database.identity(), new Held(server.name(), database.identity(), copy, target.name(), missing,
                forced));
        journal(JournalEntry.Type.EVENT_LOG, MOUNT_HELD, copy, Map.of("missing", Long.toString(missing),
                "dial", dialName(server), "message", reason));
        ensurePolling();
        return decided(Decision.LEAVE_DISMOUNTED);
    }

    // A CMS recovered on another cluster (/RecoverCMS replaced its redundant machines) still has its CCR copy aimed at
    // a node of the old cluster: the copy now belongs on the new cluster's other node.
    private void followRecovery(ExchangeServer server, StorageGroup group, String node) {
        List<String> machines = server.cluster().orElseThrow().redundantMachines();
        for (StorageGroupCopy copy : service.get().copiesOf(group)) {
            if (copy.kind() == CopyKind.CLUSTER && machines.stream().noneMatch(copy.targetMachine()::equalsIgnoreCase)) {
                oldActive(server, node).ifPresent(other -> service.get().followRecoveredServer(copy, other.name(),
                        server.cluster().orElseThrow().clusterName()));
            }
        }
    }

    @Override
    public void mounted(ExchangeServer server, String databaseIdentity, String node) {
        if (lossyMounts.remove(directory.database(databaseIdentity).identity())) {
            resubmit(databaseIdentity);
        }
    }

    /** Why a database the dial keeps dismounted after a failover is not mounted, if it is. */
    public Optional<String> heldReason(String databaseIdentity) {
        return Optional.ofNullable(held.get(directory.database(databaseIdentity).identity()))
                .map(h -> h.copy().failedMessage);
    }

    // ---- activation -----------------------------------------------------------------------------------------------

    // The copy's pipeline stops: its target is about to become the source.
    private static void stopPipeline(StorageGroupCopy copy) {
        copy.epoch++;
        copy.copying = false;
        copy.replaying = false;
    }

    // Attempt-copy-last-logs: every closed log the copy lacks and the old active's current log, then mount losslessly.
    private Operation<Decision> copyLastLogs(StorageGroupCopy copy, StorageGroup group, Host old, Host target,
            Decision then, String databaseIdentity) {
        Operation<Decision> decision = kernel.operations().create("copy the last logs of " + copy);
        LogDirectory source = logs(old, group.logFolderPath(), group);
        LogDirectory destination = logs(target, copy.paths().logFolder(), group);
        List<Long> missing = source.closedGenerations().stream().filter(g -> g > copy.lastInspected).toList();
        boolean hasCurrent = source.exists() && source.volume().exists(source.currentPath());
        long current = hasCurrent ? source.currentHeader().map(h -> h.generation()).orElse(0L)
                : missing.isEmpty() ? copy.lastInspected : missing.get(missing.size() - 1);
        int files = missing.size() + (hasCurrent ? 1 : 0);
        Duration time = connectivity.transferTime(old, target, Math.max(1, source.format().logSize() >> 20) * files
                * (1L << 20));
        decision.waitingFor(files + " log file(s) to be copied from " + old.name());
        kernel.scheduler().schedule(time, () -> {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            try {
                ensureFolder(target, copy.paths().logFolder());
                for (long generation : missing) {
                    writes.add(copyLog(source, source.generationPath(generation), destination,
                            destination.generationPath(generation)));
                }
                if (hasCurrent) {
                    writes.add(copyLog(source, source.currentPath(), destination, destination.currentPath()));
                }
            } catch (ExhaException e) {
                decision.fail(e);
                return;
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    decision.fail(exha(failure));
                    return;
                }
                journal(JournalEntry.Type.EVENT_LOG, ACTIVATED, copy, Map.of("lossless", "true", "missing", "0",
                        "copiedLogs", Integer.toString(files), "from", old.name()));
                held.remove(databaseIdentity);
                reverse(copy, old.name(), current);
                decision.complete(then);
            });
        });
        return decision;
    }

    // The copy's newest inspected log becomes the current log (the new active numbers on from it); logs shipped but
    // not inspected go.
    private CompletableFuture<Void> activateLossy(StorageGroupCopy copy, StorageGroup group, Host target,
            long missing) {
        LogDirectory logs = logs(target, copy.paths().logFolder(), group);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try {
            for (long generation : logs.closedGenerations()) {
                if (generation > copy.lastInspected) {
                    writes.add(logs.volume().delete(logs.generationPath(generation)));
                }
            }
            if (logs.volume().exists(logs.currentPath())) {
                writes.add(logs.volume().delete(logs.currentPath()));
            }
            if (copy.lastInspected > 0 && logs.volume().exists(logs.generationPath(copy.lastInspected))) {
                writes.add(logs.volume().rename(logs.generationPath(copy.lastInspected), logs.currentPath()));
            }
        } catch (ExhaException e) {
            return CompletableFuture.failedFuture(e);
        }
        String oldTarget = oldActiveName(group, target.name());
        long point = copy.lastInspected;
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenRun(() -> {
            journal(JournalEntry.Type.EVENT_LOG, ACTIVATED, copy, Map.of("lossless", Boolean.toString(missing == 0),
                    "missing", Long.toString(missing)));
            reverse(copy, oldTarget, point).resynchronizing = true;
        });
    }

    // The node's own files stay as they are (its current log included): the copy direction reverses, and the other
    // node's divergent logs are repaired by the incremental reseed once this node closes a log past them.
    private void activateStale(StorageGroupCopy copy, StorageGroup group, Host target, long missing, long newestHere) {
        journal(JournalEntry.Type.EVENT_LOG, ACTIVATED, copy, Map.of("lossless", Boolean.toString(missing == 0),
                "missing", Long.toString(missing), "stale", "true"));
        reverse(copy, oldActiveName(group, target.name()), newestHere).resynchronizing = true;
    }

    private static long lastClosedIn(LogDirectory logs) {
        List<Long> closed = logs.exists() ? logs.closedGenerations() : List.of();
        return closed.isEmpty() ? 0 : closed.get(closed.size() - 1);
    }

    // Returns the reversed copy.
    private StorageGroupCopy reverse(StorageGroupCopy copy, String newTarget, long activationPoint) {
        StorageGroupCopy turned = service.get().retarget(copy, newTarget);
        reversed.put(turned, activationPoint);
        ensurePolling();
        return turned;
    }

    private void forceMount(String databaseIdentity) {
        Held entry = held.remove(databaseIdentity);
        if (entry == null || store.get().isMounted(databaseIdentity)) {
            return;
        }
        StorageGroup group = directory.storageGroup(directory.database(databaseIdentity).storageGroupIdentity());
        journal(JournalEntry.Type.EVENT_LOG, "copy.forced-mount", entry.copy(), Map.of("missing",
                Long.toString(entry.missing())));
        Host node = datacenter.host(entry.node());
        CompletableFuture<Void> activated;
        if (entry.copy().isSeeded()) {
            activated = activateLossy(entry.copy(), group, node, entry.missing());
        } else {
            activateStale(entry.copy(), group, node, entry.missing(), lastClosedIn(logs(node,
                    entry.copy().paths().logFolder(), group)));
            activated = CompletableFuture.completedFuture(null);
        }
        activated.whenComplete(
                (ignored, failure) -> {
                    if (failure != null) {
                        return;
                    }
                    store.get().mount(databaseIdentity).whenDone(mount -> {
                        if (!mount.isFailed()) {
                            resubmit(databaseIdentity);
                        }
                    });
                });
    }

    // The old active is back while the dial holds the database: copy its last logs and mount without loss.
    private void mountFromReturnedActive(Held entry) {
        ExchangeServer server = directory.server(entry.server());
        Host target = datacenter.host(entry.node());
        Optional<Host> old = oldActive(server, entry.node()).filter(h -> reachable(h, target));
        if (old.isEmpty() || clusteredServers.activeNode(server).filter(entry.node()::equalsIgnoreCase).isEmpty()) {
            return;
        }
        held.remove(entry.database());
        entry.forced().ifPresent(Timer::cancel);
        StorageGroup group = directory.storageGroup(directory.database(entry.database()).storageGroupIdentity());
        Operation<Decision> copied;
        if (entry.copy().isSeeded()) {
            copied = copyLastLogs(entry.copy(), group, old.get(), target, Decision.MOUNT, entry.database());
        } else {
            reseed.run(entry.copy(), logs(old.get(), group.logFolderPath(), group), logs(target,
                    entry.copy().paths().logFolder(), group), target);
            if (entry.copy().isFailed()) {
                return;
            }
            long first = entry.copy().lastReplayed + 1;
            copied = replayFirst(copyLastLogs(entry.copy(), group, old.get(), target, Decision.MOUNT,
                    entry.database()), entry.copy(), group, target, first);
        }
        copied.whenDone(done -> {
            if (!done.isFailed()) {
                store.get().mount(entry.database());
            }
        });
    }

    // A stale node's database file may be in Clean Shutdown (dismounted for the move that left it behind), so recovery
    // at mount would not look at the logs just brought in line: replay the first of them into it, as the replayer
    // would have, and recovery replays the rest from there.
    private Operation<Decision> replayFirst(Operation<Decision> copied, StorageGroupCopy copy, StorageGroup group,
            Host target, long first) {
        Operation<Decision> decision = kernel.operations().create("replay into " + copy);
        copied.whenDone(done -> {
            if (done.isFailed()) {
                decision.fail(done.failure().orElseThrow());
                return;
            }
            try {
                WindowsPath edb = target.resolve(copy.paths().edbFile());
                LogDirectory logs = logs(target, copy.paths().logFolder(), group);
                boolean closed = logs.closedGenerations().contains(first);
                boolean clean = DatabaseFile.read(edb.volume(), edb.path()).header().state()
                        != DatabaseState.DIRTY_SHUTDOWN;
                if (!clean || (!closed && logs.currentHeader().filter(h -> h.generation() == first).isEmpty())) {
                    decision.complete(done.result());
                    return;
                }
                DatabaseFile.replay(edb.volume(), edb.path(), closed ? logs.read(first) : logs.readCurrent())
                        .whenComplete((file, failure) -> {
                            if (failure != null) {
                                decision.fail(exha(failure));
                            } else {
                                decision.complete(done.result());
                            }
                        });
            } catch (ExhaException e) {
                decision.fail(e);
            }
        });
        return decision;
    }

    private void resubmit(String databaseIdentity) {
        MailboxDatabase database = directory.database(databaseIdentity);
        dumpster.get().resubmit(database.storageGroupIdentity());
    }

    // ---- the reversed copies --------------------------------------------------------------------------------------

    private void ensurePolling() {
        if (poll == null) {
            poll = kernel.scheduler().scheduleEvery(ReplicationService.POLL_INTERVAL, ReplicationService.POLL_INTERVAL,
                    this::pollOnce);
        }
    }

    private void pollOnce() {
        for (Held entry : List.copyOf(held.values())) {
            mountFromReturnedActive(entry);
        }
        for (Map.Entry<StorageGroupCopy, Long> entry : List.copyOf(reversed.entrySet())) {
            StorageGroupCopy copy = entry.getKey();
            if (!service.get().copies().contains(copy)) {
                reversed.remove(copy);
                continue;
            }
            StorageGroup group = directory.storageGroup(copy.storageGroupIdentity());
            Host target = datacenter.host(copy.targetMachine());
            boolean targetIsActive = store.get().runningOn(group.server())
                    .map(active -> active.equalsIgnoreCase(target.name())).orElse(false);
            if (targetIsActive) {
                // The database came back on the copy's own node: its logs are the production stream now, never to be
                // reseeded (found by the replication chaos test, seed 20070349).
                copy.resynchronizing = false;
                reversed.remove(copy);
                continue;
            }
            Optional<Host> source = service.get().sourceHost(group).filter(Host::isRunning);
            if (!target.isRunning() || source.isEmpty() || !reachable(source.get(), target)
                    || source.get().name().equalsIgnoreCase(target.name())) {
                continue;
            }
            LogDirectory sourceLogs = logs(source.get(), group.logFolderPath(), group);
            List<Long> closed = sourceLogs.closedGenerations();
            if (closed.isEmpty() || closed.get(closed.size() - 1) <= entry.getValue()) {
                continue;
            }
            reversed.remove(copy);
            reseed.run(copy, sourceLogs, logs(target, copy.paths().logFolder(), group), target);
        }
    }

    // ---- where things are -----------------------------------------------------------------------------------------

    // CHOICE: CCR has two nodes; the old active is the CMS's other redundant machine.
    private Optional<Host> oldActive(ExchangeServer server, String node) {
        return server.cluster().orElseThrow().redundantMachines().stream()
                .filter(machine -> !machine.equalsIgnoreCase(node)).findFirst().map(datacenter::host);
    }

    private String oldActiveName(StorageGroup group, String node) {
        return oldActive(directory.server(group.server()), node).map(Host::name).orElseThrow();
    }

    private boolean reachable(Host old, Host target) {
        return old.isRunning() && target.isRunning() && connectivity.reachesOnAnyNetwork(old, target);
    }

    static LogDirectory logs(Host host, String folder, StorageGroup group) {
        return LogDirectory.on(host, folder, new LogPrefix(group.logFilePrefix()), LogFormat.EXCHANGE_2007);
    }

    // Byte for byte, as the copier ships: the record area and the last byte.
    static CompletableFuture<Void> copyLog(LogDirectory from, String fromPath, LogDirectory to, String toPath) {
        LogFormat format = from.format();
        byte[] area = new byte[(int) format.recordAreaEnd()];
        from.volume().read(fromPath, 0, area, 0, area.length);
        byte[] last = new byte[1];
        from.volume().read(fromPath, format.logSize() - 1, last, 0, 1);
        Volume volume = to.volume();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        if (volume.exists(toPath)) {
            writes.add(volume.delete(toPath));
        }
        writes.add(volume.createFile(toPath));
        writes.add(volume.write(toPath, 0, area, 0, area.length));
        writes.add(volume.write(toPath, format.logSize() - 1, last, 0, 1));
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private static void ensureFolder(Host host, String windowsFolder) {
        var path = host.resolve(windowsFolder);
        if (!path.volume().isDirectory(path.path())) {
            host.createDirectory(windowsFolder);
        }
    }

    private static String dialName(ExchangeServer server) {
        return switch (server.autoDatabaseMountDial()) {
            case LOSSLESS -> "Lossless";
            case GOOD_AVAILABILITY -> "GoodAvailability";
            case BEST_AVAILABILITY -> "BestAvailability";
        };
    }

    private static ExhaException exha(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ExhaException e ? e : new ExhaException(ReplicationErrorCode.NOT_REPLICABLE,
                String.valueOf(cause.getMessage()));
    }

    private Operation<Decision> decided(Decision decision) {
        Operation<Decision> operation = kernel.operations().create("mount gate");
        operation.complete(decision);
        return operation;
    }

    private void journal(JournalEntry.Type type, String name, StorageGroupCopy copy, Map<String, String> more) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("storageGroup", copy.storageGroupIdentity());
        attributes.put("target", copy.targetMachine());
        attributes.putAll(new TreeMap<>(more));
        kernel.journal().append(type, ReplicationService.SOURCE, name, attributes);
    }
}
