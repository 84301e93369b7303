package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of a world's fault points. Components register the points they offer; a {@link FaultPlan}
 * arms some of them. Arming and disarming are journaled, so a report shows which faults a run had.
 */
public final class FaultPoints {
    private final RandomStreams streams;
    private final Journal journal;
    private final ThreadConfinement confinement;
    private final Map<String, FaultPoint> points = new LinkedHashMap<>();

    /** An empty registry drawing from {@code streams} and journaling to {@code journal}. */
    public FaultPoints(RandomStreams streams, Journal journal, ThreadConfinement confinement) {
        if (streams == null || journal == null || confinement == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "streams, journal and confinement must not be null");
        }
        this.streams = streams;
        this.journal = journal;
        this.confinement = confinement;
    }

    /**
     * Registers the point {@code name}; registering a name again returns the point registered first.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a blank name or a null description
     */
    public FaultPoint register(String name, String description) {
        confinement.check();
        if (name == null || name.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a fault point name must not be blank");
        }
        if (description == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "fault point " + name + " needs a description");
        }
        return points.computeIfAbsent(name, n -> new FaultPoint(n, description, this));
    }

    /** Every registered point, in registration order. */
    public List<FaultPoint> registered() {
        confinement.check();
        return List.copyOf(points.values());
    }

    /**
     * Arms the rule's point, replacing any rule it had and restarting its firing count.
     *
     * @throws ExhaException {@code UNKNOWN_FAULT_POINT} if no component registered the point
     */
    public void arm(FaultRule rule) {
        confinement.check();
        if (rule == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "fault rule must not be null");
        }
        FaultPoint point = lookup(rule.point());
        point.arm(rule);
        journal.append(JournalEntry.Type.FAULT, point.name(), "fault.armed", Map.of(
                "probability", Double.toString(rule.probability()),
                "maxFirings", rule.isLimited() ? Integer.toString(rule.maxFirings()) : "unlimited"));
    }

    /**
     * Makes {@code plan} the world's fault plan: every point it does not name is disarmed and every rule it has
     * is armed. All points are checked before anything changes, so an unknown point leaves the faults as they were.
     *
     * @throws ExhaException {@code UNKNOWN_FAULT_POINT} if the plan names a point no component registered
     */
    public void apply(FaultPlan plan) {
        confinement.check();
        if (plan == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "fault plan must not be null");
        }
        for (FaultRule rule : plan.rules()) {
            lookup(rule.point());
        }
        for (FaultPoint point : points.values()) {
            disarm(point);
        }
        for (FaultRule rule : plan.rules()) {
            arm(rule);
        }
    }

    /**
     * Disarms the point; a no-op when it is not armed.
     *
     * @throws ExhaException {@code UNKNOWN_FAULT_POINT} if no component registered the point
     */
    public void disarm(String point) {
        confinement.check();
        disarm(lookup(point));
    }

    private void disarm(FaultPoint point) {
        if (point.disarm()) {
            journal.append(JournalEntry.Type.FAULT, point.name(), "fault.disarmed");
        }
    }

    private FaultPoint lookup(String name) {
        FaultPoint point = name == null ? null : points.get(name);
        if (point == null) {
            throw unknown(name);
        }
        return point;
    }

    private ExhaException unknown(String name) {
        StringBuilder message = new StringBuilder("Unknown fault point '").append(name).append("'.");
        if (points.isEmpty()) {
            message.append(" No fault points are registered.");
        } else {
            message.append(NearestNames.didYouMean(name == null ? "" : name, points.keySet(), ""))
                    .append(" Registered fault points: ").append(String.join(", ", points.keySet())).append('.');
        }
        return new ExhaException(CoreErrorCode.UNKNOWN_FAULT_POINT, message.toString());
    }

    ThreadConfinement confinement() {
        return confinement;
    }

    RandomStreams streams() {
        return streams;
    }

    Journal journal() {
        return journal;
    }

    @Override
    public String toString() {
        return "FaultPoints" + new ArrayList<>(points.keySet());
    }
}
