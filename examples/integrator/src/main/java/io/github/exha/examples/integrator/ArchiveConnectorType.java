package io.github.exha.examples.integrator;

import io.github.exha.cluster.failover.ResourceContext;
import io.github.exha.cluster.failover.ResourceType;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Operation;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A custom cluster resource type, "Contoso Archive Connector": a third-party service an integrator puts into the
 * clustered mailbox server's group so it runs wherever the CMS runs (archiving agents, journaling connectors and
 * backup agents were deployed this way). It starts in {@value #DEFAULT_START_SECONDS} s of virtual time (private
 * property {@value #START_SECONDS}), stops in one second, and journals {@code connector.started} /
 * {@code connector.stopped} with the node, so a test can follow it across a failover. The failover engine owns the
 * state machine, restarts and failover; the type only does the work and answers the health checks.
 */
public final class ArchiveConnectorType implements ResourceType {
    /** The type name, as {@code cluster.exe res /create /type:} and the resource type registry know it. */
    public static final String NAME = "Contoso Archive Connector";
    /** Private property: how long the connector takes to start, in whole seconds. */
    public static final String START_SECONDS = "StartSeconds";
    /** The start time when the property is absent. */
    public static final int DEFAULT_START_SECONDS = 5;
    /** The journal source of the connector's own entries. */
    public static final String JOURNAL_SOURCE = "ArchiveConnector";

    /** Running instances, by {@link ResourceContext#key()}: where each runs and since when. */
    private final Map<String, Running> running = new TreeMap<>();
    /** Bumped whenever the engine abandons a start or stop, so a late completion does nothing. */
    private final Map<String, Long> attempts = new TreeMap<>();

    /**
     * Where a connector runs.
     *
     * @param node the node
     * @param since when it started
     */
    public record Running(String node, Instant since) {
    }

    /** Guice creates one per lab (bound as a singleton in {@link ArchiveConnectorModule}). */
    @Inject
    public ArchiveConnectorType() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Operation<Void> online(ResourceContext context) {
        long attempt = attempts.merge(context.key(), 1L, Long::sum);
        Duration startTime = Duration.ofSeconds(startSeconds(context));
        Operation<Void> operation = context.kernel().operations().create("start archive connector "
                + context.resourceName() + " on " + context.nodeName());
        operation.waitingFor("the connector to start (" + startTime + ")");
        context.kernel().scheduler().schedule(startTime, () -> {
            if (operation.isDone() || attempts.get(context.key()) != attempt) {
                return;
            }
            running.put(context.key(), new Running(context.nodeName(), context.kernel().clock().instant()));
            journal(context, "connector.started");
            operation.complete(null);
        });
        return operation;
    }

    @Override
    public Operation<Void> offline(ResourceContext context) {
        long attempt = attempts.merge(context.key(), 1L, Long::sum);
        Operation<Void> operation = context.kernel().operations().create("stop archive connector "
                + context.resourceName() + " on " + context.nodeName());
        operation.waitingFor("the connector to stop (PT1S)");
        context.kernel().scheduler().schedule(Duration.ofSeconds(1), () -> {
            if (operation.isDone() || attempts.get(context.key()) != attempt) {
                return;
            }
            running.remove(context.key());
            journal(context, "connector.stopped");
            operation.complete(null);
        });
        return operation;
    }

    @Override
    public void terminate(ResourceContext context) {
        attempts.merge(context.key(), 1L, Long::sum);
        if (running.remove(context.key()) != null) {
            journal(context, "connector.terminated");
        }
    }

    @Override
    public boolean looksAlive(ResourceContext context) {
        return runsOn(context);
    }

    @Override
    public boolean isAlive(ResourceContext context) {
        return runsOn(context);
    }

    /** Where the connector {@code cluster/resource} runs, if it does. */
    public Optional<Running> running(String clusterName, String resourceName) {
        return Optional.ofNullable(running.get(clusterName + "/" + resourceName));
    }

    /** Every running connector, {@code cluster/resource} to where it runs. */
    public Map<String, Running> running() {
        return Collections.unmodifiableMap(new TreeMap<>(running));
    }

    private boolean runsOn(ResourceContext context) {
        Running instance = running.get(context.key());
        return instance != null && instance.node().equals(context.nodeName());
    }

    private static long startSeconds(ResourceContext context) {
        String text = context.property(START_SECONDS, Integer.toString(DEFAULT_START_SECONDS));
        try {
            long seconds = Long.parseLong(text.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below, like any other bad value
        }
        throw ArchiveConnectorErrorCode.BAD_PROPERTY.exception("Private property " + START_SECONDS
                + " of resource '" + context.resourceName() + "' must be a whole number of seconds, not '" + text
                + "'.");
    }

    private static void journal(ResourceContext context, String name) {
        context.kernel().journal().append(JournalEntry.Type.STATE_CHANGE, JOURNAL_SOURCE, name, Map.of(
                "cluster", context.clusterName(), "group", context.groupName(), "resource", context.resourceName(),
                "node", context.nodeName()));
    }
}
