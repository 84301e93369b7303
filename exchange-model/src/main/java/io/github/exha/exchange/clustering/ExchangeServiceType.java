package io.github.exha.exchange.clustering;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.ResourceContext;
import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.cluster.failover.ResourceType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ServerKind;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Exchange cluster resource type. The System Attendant refuses to start on a node whose Exchange binaries are
 * older than the server's build ("Version of Exchange on this machine does not match...") and, for an EVS in a
 * cluster of more than two nodes or for any CMS, on a node that already runs another Exchange clustered server
 * (ERROR_RESMON_ONLINE_FAILED, 5018). The Information Store resource starts the server's store through
 * {@link InformationStore} (a 2003 store mounts its databases itself); each 2007 Database Instance mounts and
 * dismounts one database. The other 2003 instances are services that start and stop.
 */
public final class ExchangeServiceType implements ResourceType {
    /** The message the seed quotes for a second EVS on a node of a cluster of more than two nodes. */
    public static final String SECOND_SERVER_MESSAGE = "An error occurred attempting to bring the System Attendant "
            + "resource online: The cluster resource could not be brought online by the resource monitor. Error ID: "
            + "5018 (0000139a)";

    private final ExchangeResourceKind kind;
    private final Provider<ExchangeDirectory> directory;
    private final Provider<Clusters> clusters;
    // A provider: the store depends on the directory, which is built on the clusters, which need this type first.
    private final Provider<Optional<InformationStore>> store;
    private final Provider<Optional<DatabaseMountGate>> gate;
    // Database Instance resources online whose database the gate chose to leave dismounted: alive all the same.
    private final java.util.Set<String> leftDismounted = new java.util.TreeSet<>();
    // Keyed by ResourceContext.key(): the node each running instance runs on.
    private final Map<String, String> running = new TreeMap<>();
    // Bumped when the engine abandons a start or stop, so a late completion does nothing.
    private final Map<String, Long> attempts = new TreeMap<>();

    /**
     * A type.
     *
     * @param kind which Exchange resource type
     * @param directory the organization (through a provider: the directory is built after the clusters)
     * @param clusters the lab's clusters (through a provider: they need the types first)
     * @param store the Information Store service, absent in labs that bind none (then the store resources fail)
     */
    public ExchangeServiceType(ExchangeResourceKind kind, Provider<ExchangeDirectory> directory,
            Provider<Clusters> clusters, Provider<Optional<InformationStore>> store) {
        this(kind, directory, clusters, store, Optional::empty);
    }

    /**
     * A type whose Database Instance resources ask a {@link DatabaseMountGate} before they mount.
     *
     * @param gate the gate, absent when none is bound (then a Database Instance mounts at once)
     */
    public ExchangeServiceType(ExchangeResourceKind kind, Provider<ExchangeDirectory> directory,
            Provider<Clusters> clusters, Provider<Optional<InformationStore>> store,
            Provider<Optional<DatabaseMountGate>> gate) {
        this.kind = kind;
        this.directory = directory;
        this.clusters = clusters;
        this.store = store;
        this.gate = gate;
    }

    @Override
    public String name() {
        return kind.typeName();
    }

    /** Which Exchange resource type this is. */
    public ExchangeResourceKind kind() {
        return kind;
    }

    @Override
    public Operation<Void> online(ResourceContext context) {
        long attempt = nextAttempt(context);
        Operation<Void> operation = context.kernel().operations()
                .create("start " + kind.typeName() + " '" + context.resourceName() + "' on " + context.nodeName());
        operation.waitingFor("the service to start (" + kind.startTime() + ")");
        context.kernel().scheduler().schedule(kind.startTime(), () -> {
            if (operation.isDone() || attempts.get(context.key()) != attempt) {
                return;
            }
            try {
                start(context).whenDone(done -> {
                    if (operation.isDone() || attempts.get(context.key()) != attempt) {
                        return;
                    }
                    if (done.isFailed()) {
                        operation.fail(done.failure().orElseThrow());
                        return;
                    }
                    running.put(context.key(), context.nodeName());
                    operation.complete(null);
                });
            } catch (ExhaException e) {
                operation.fail(e);
            }
        });
        return operation;
    }

    private Operation<Void> start(ResourceContext context) {
        String serverName = context.property(ExchangeResourceKind.SERVER_NAME, context.groupName());
        ExchangeServer server = directory.get().server(serverName);
        return switch (kind) {
            case SYSTEM_ATTENDANT -> {
                requireInstalled(server, context.nodeName());
                requireOnlyServerOnNode(server, context);
                yield done(context);
            }
            case INFORMATION_STORE -> requireStore().start(server.name(), context.nodeName(),
                    server.version() == ExchangeVersion.EXCHANGE_2003);
            case DATABASE_INSTANCE -> mountThroughGate(server, context);
            case MESSAGE_TRANSFER_AGENT, ROUTING, SMTP, HTTP, MS_SEARCH, POP3, IMAP4 -> done(context);
        };
    }

    private Operation<Void> mountThroughGate(ExchangeServer server, ResourceContext context) {
        String database = context.property(ExchangeResourceKind.DATABASE, "");
        leftDismounted.remove(context.key());
        Optional<DatabaseMountGate> mountGate = gate.get();
        if (mountGate.isEmpty()) {
            return requireStore().mount(database);
        }
        InformationStore informationStore = requireStore();
        Operation<Void> operation = context.kernel().operations().create("mount " + database + " on "
                + context.nodeName());
        mountGate.get().beforeMount(server, database, context.nodeName()).whenDone(decided -> {
            if (decided.isFailed()) {
                operation.fail(decided.failure().orElseThrow());
                return;
            }
            switch (decided.result()) {
                case LEAVE_DISMOUNTED -> {
                    leftDismounted.add(context.key());
                    operation.complete(null);
                }
                case MOUNT -> {
                    Operation<Void> mount;
                    try {
                        mount = informationStore.mount(database);
                    } catch (ExhaException e) {
                        operation.fail(e);
                        return;
                    }
                    mount.whenDone(m -> {
                        if (m.isFailed()) {
                            operation.fail(m.failure().orElseThrow());
                            return;
                        }
                        mountGate.get().mounted(server, database, context.nodeName());
                        operation.complete(null);
                    });
                }
            }
        });
        return operation;
    }

    private void requireInstalled(ExchangeServer server, String node) {
        Optional<ExchangeInstallation> installation = directory.get().installation(node);
        if (installation.isEmpty() || installation.get().build().version() != server.version()) {
            throw new ExhaException(ClusteringErrorCode.NOT_INSTALLED, "Exchange Server " + server.build()
                    .displayVersion() + " is not installed on node " + node + "; it cannot run '" + server.name()
                    + "'.");
        }
        if (server.build().isNewerThan(installation.get().build())) {
            throw new ExhaException(ClusteringErrorCode.VERSION_MISMATCH, "Version of Exchange on this machine does "
                    + "not match the version of Exchange server " + node + ".");
        }
        requireCmsUpgraded(server, installation.get());
    }

    /**
     * A 2007 CMS older than the node's binaries runs there only during a rolling upgrade, while one of its redundant
     * machines still has the CMS's build (the CMS moves to the upgraded node before {@code setup /UpgradeCMS}). Once
     * every node is upgraded and the CMS was not, the versions no longer match and the CMS does not start (DOMAIN.md
     * §4: skipping /UpgradeCMS).
     */
    private void requireCmsUpgraded(ExchangeServer server, ExchangeInstallation installation) {
        if (server.kind() != ServerKind.CLUSTERED_MAILBOX_SERVER || !installation.build().isNewerThan(server.build())) {
            return;
        }
        boolean rolling = server.cluster().orElseThrow().redundantMachines().stream()
                .anyMatch(machine -> directory.get().installation(machine).filter(i -> i.build() == server.build())
                        .isPresent());
        if (!rolling) {
            throw new ExhaException(ClusteringErrorCode.CMS_NOT_UPGRADED, "The version of clustered mailbox server '"
                    + server.name() + "' (" + server.build().displayVersion() + ") does not match the version of the "
                    + "Exchange binaries on its nodes (" + installation.build().displayVersion() + "); Exchange "
                    + "cannot start it. Run setup.com /UpgradeCMS on the node that owns it.");
        }
    }

    private void requireOnlyServerOnNode(ExchangeServer server, ResourceContext context) {
        FailoverCluster cluster = clusters.get().cluster(context.clusterName());
        boolean ruleApplies = server.kind() == ServerKind.CLUSTERED_MAILBOX_SERVER || cluster.nodes().size() > 2;
        if (!ruleApplies) {
            return;
        }
        for (ClusterResource other : cluster.resources()) {
            boolean otherAttendant = other.type().name().equals(ExchangeResourceKind.SYSTEM_ATTENDANT.typeName())
                    && !other.groupName().equalsIgnoreCase(context.groupName());
            boolean active = other.state() == ResourceState.ONLINE || other.state() == ResourceState.ONLINE_PENDING;
            if (otherAttendant && active && other.hostNode().filter(context.nodeName()::equalsIgnoreCase)
                    .isPresent()) {
                throw new ExhaException(ClusteringErrorCode.NODE_HOSTS_ANOTHER_SERVER, SECOND_SERVER_MESSAGE
                        + ": node " + context.nodeName() + " already hosts '" + other.groupName() + "'.",
                        NativeCode.win32(5018));
            }
        }
    }

    private InformationStore requireStore() {
        return store.get().orElseThrow(() -> new ExhaException(ClusteringErrorCode.NO_INFORMATION_STORE,
                "No Information Store is bound in this lab; bind io.github.exha.exchange.server.InformationStore."));
    }

    private static Operation<Void> done(ResourceContext context) {
        Operation<Void> operation = context.kernel().operations().create("started " + context.resourceName());
        operation.complete(null);
        return operation;
    }

    @Override
    public Operation<Void> offline(ResourceContext context) {
        long attempt = nextAttempt(context);
        String serverName = context.property(ExchangeResourceKind.SERVER_NAME, context.groupName());
        Optional<InformationStore> service = store.get();
        Operation<Void> work = switch (kind) {
            case INFORMATION_STORE -> service.isPresent() ? service.get().stop(serverName) : done(context);
            case DATABASE_INSTANCE -> {
                String database = context.property(ExchangeResourceKind.DATABASE, "");
                yield service.isPresent() && service.get().isMounted(database) ? service.get().dismount(database)
                        : done(context);
            }
            case SYSTEM_ATTENDANT, MESSAGE_TRANSFER_AGENT, ROUTING, SMTP, HTTP, MS_SEARCH, POP3, IMAP4 ->
                    done(context);
        };
        Operation<Void> operation = context.kernel().operations().create("stop " + context.resourceName());
        work.whenDone(w -> {
            if (attempts.get(context.key()) != attempt) {
                return;
            }
            running.remove(context.key());
            leftDismounted.remove(context.key());
            if (w.isFailed()) {
                operation.fail(w.failure().orElseThrow());
            } else {
                operation.complete(null);
            }
        });
        return operation;
    }

    @Override
    public void terminate(ResourceContext context) {
        nextAttempt(context);
        running.remove(context.key());
        leftDismounted.remove(context.key());
        if (kind == ExchangeResourceKind.INFORMATION_STORE && store.get().isPresent()) {
            store.get().get().terminate(context.property(ExchangeResourceKind.SERVER_NAME, context.groupName()));
        }
    }

    @Override
    public boolean looksAlive(ResourceContext context) {
        return check(context);
    }

    @Override
    public boolean isAlive(ResourceContext context) {
        return check(context);
    }

    private boolean check(ResourceContext context) {
        // Every LooksAlive and IsAlive of every Exchange resource: the key is built once.
        String key = context.key();
        if (!context.nodeName().equals(running.get(key))) {
            return false;
        }
        String serverName = context.property(ExchangeResourceKind.SERVER_NAME, context.groupName());
        return switch (kind) {
            case INFORMATION_STORE -> store.get().map(s -> s.runningOn(serverName)
                    .filter(context.nodeName()::equalsIgnoreCase).isPresent()).orElse(true);
            case DATABASE_INSTANCE -> leftDismounted.contains(key) || store.get().map(s -> s.isMounted(
                    context.property(ExchangeResourceKind.DATABASE, ""))).orElse(true);
            case SYSTEM_ATTENDANT, MESSAGE_TRANSFER_AGENT, ROUTING, SMTP, HTTP, MS_SEARCH, POP3, IMAP4 -> true;
        };
    }

    private long nextAttempt(ResourceContext context) {
        return attempts.merge(context.key(), 1L, Long::sum);
    }
}
