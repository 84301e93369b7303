package io.github.exha.cluster.failover;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.FaultPoint;
import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in "Generic Service" resource type: a simulated Windows service. Starting it takes
 * {@value #START_TIME} (private property, ISO-8601 duration, default 2 s) of virtual time and stopping it
 * {@value #STOP_TIME} (default 1 s). Each resource registers two fault points: {@code resource.<name>.start}
 * makes the service fail to start, {@code resource.<name>.crash} makes a running service crash (noticed by the
 * next LooksAlive or IsAlive check, which is when the point is consulted).
 */
public final class GenericServiceType implements ResourceType {
    /** The type name. */
    public static final String NAME = "Generic Service";
    /** Private property: how long the service takes to start, as an ISO-8601 duration. */
    public static final String START_TIME = "StartTime";
    /** Private property: how long the service takes to stop, as an ISO-8601 duration. */
    public static final String STOP_TIME = "StopTime";

    private final Duration defaultStartTime;
    private final Duration defaultStopTime;
    // Keyed by ResourceContext.key(): the node each running service instance runs on.
    private final Map<String, String> running = new TreeMap<>();
    // Bumped whenever the engine abandons a start or stop, so a late completion does nothing.
    private final Map<String, Long> attempts = new TreeMap<>();

    /** A type whose services start in 2 s and stop in 1 s unless their properties say otherwise. */
    public GenericServiceType() {
        this(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    /** A type with the given default start and stop times. */
    public GenericServiceType(Duration defaultStartTime, Duration defaultStopTime) {
        if (defaultStartTime == null || defaultStartTime.isNegative() || defaultStopTime == null || defaultStopTime.isNegative()) {
            throw new IllegalArgumentException("start and stop times must be zero or positive");
        }
        this.defaultStartTime = defaultStartTime;
        this.defaultStopTime = defaultStopTime;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The fault point that makes the resource's service fail to start. */
    public static String startFaultPoint(String resourceName) {
        return "resource." + resourceName + ".start";
    }

    /** The fault point that makes the resource's running service crash. */
    public static String crashFaultPoint(String resourceName) {
        return "resource." + resourceName + ".crash";
    }

    @Override
    public void created(ResourceContext context) {
        context.kernel().faultPoints().register(startFaultPoint(context.resourceName()),
                "Generic Service resource " + context.resourceName() + " fails to start");
        context.kernel().faultPoints().register(crashFaultPoint(context.resourceName()),
                "Generic Service resource " + context.resourceName() + " crashes while running");
    }

    @Override
    public Operation<Void> online(ResourceContext context) {
        Duration startTime = duration(context, START_TIME, defaultStartTime);
        long attempt = nextAttempt(context);
        Operation<Void> operation = context.kernel().operations()
                .create("start service of resource " + context.resourceName() + " on " + context.nodeName());
        operation.waitingFor("the service to start (" + startTime + ")");
        context.kernel().scheduler().schedule(startTime, () -> {
            if (operation.isDone() || attempts.get(context.key()) != attempt) {
                return;
            }
            FaultPoint failToStart = context.kernel().faultPoints().register(startFaultPoint(context.resourceName()),
                    "Generic Service resource " + context.resourceName() + " fails to start");
            if (failToStart.fires(context.resourceName() + " on " + context.nodeName())) {
                operation.fail(new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED,
                        "The service of resource '" + context.resourceName() + "' did not start on node "
                                + context.nodeName() + "."));
                return;
            }
            running.put(context.key(), context.nodeName());
            operation.complete(null);
        });
        return operation;
    }

    @Override
    public Operation<Void> offline(ResourceContext context) {
        Duration stopTime = duration(context, STOP_TIME, defaultStopTime);
        long attempt = nextAttempt(context);
        Operation<Void> operation = context.kernel().operations()
                .create("stop service of resource " + context.resourceName() + " on " + context.nodeName());
        operation.waitingFor("the service to stop (" + stopTime + ")");
        context.kernel().scheduler().schedule(stopTime, () -> {
            if (operation.isDone() || attempts.get(context.key()) != attempt) {
                return;
            }
            running.remove(context.key());
            operation.complete(null);
        });
        return operation;
    }

    @Override
    public void terminate(ResourceContext context) {
        nextAttempt(context);
        running.remove(context.key());
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
        if (!context.nodeName().equals(running.get(context.key()))) {
            return false;
        }
        FaultPoint crash = context.kernel().faultPoints().register(crashFaultPoint(context.resourceName()),
                "Generic Service resource " + context.resourceName() + " crashes while running");
        if (crash.fires(context.resourceName() + " on " + context.nodeName())) {
            running.remove(context.key());
            return false;
        }
        return true;
    }

    /** The node the service of {@code cluster}/{@code resource} runs on, if it runs. */
    public Optional<String> runningOn(String clusterName, String resourceName) {
        return Optional.ofNullable(running.get(clusterName + "/" + resourceName));
    }

    /** Every running service instance: {@code cluster/resource} to node, sorted. */
    public Map<String, String> running() {
        return Collections.unmodifiableMap(new TreeMap<>(running));
    }

    private long nextAttempt(ResourceContext context) {
        return attempts.merge(context.key(), 1L, Long::sum);
    }

    private static Duration duration(ResourceContext context, String property, Duration defaultValue) {
        String text = context.privateProperties().get(property);
        if (text == null) {
            return defaultValue;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED,
                        "Private property " + property + " of resource '" + context.resourceName() + "' is negative: " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED, "Private property " + property
                    + " of resource '" + context.resourceName() + "' is not an ISO-8601 duration: " + text);
        }
    }
}
