package io.github.exha.core.kernel;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A named place where a component may misbehave on purpose (FoundationDB "buggify" style): a component asks
 * {@link #fires()} at the point and, when it is true, takes its failure path. Unarmed points cost a field read
 * and draw nothing, so registering points never perturbs a run. Obtain points from
 * {@link FaultPoints#register(String, String)}.
 */
public final class FaultPoint {
    /** The journal name of a firing. */
    public static final String FIRED = "fault.fired";

    private final String name;
    private final String description;
    private final FaultPoints owner;
    private FaultRule rule;
    private int ruleFirings;
    private int firings;
    private RandomGenerator random;

    FaultPoint(String name, String description, FaultPoints owner) {
        this.name = name;
        this.description = description;
        this.owner = owner;
    }

    /** The point's name, for example {@code san.link}. */
    public String name() {
        return name;
    }

    /** What happens when the point fires. */
    public String description() {
        return description;
    }

    /** Whether a rule currently arms this point. */
    public boolean isArmed() {
        owner.confinement().check();
        return rule != null;
    }

    /** How many times the point has fired since the world started. */
    public int firings() {
        owner.confinement().check();
        return firings;
    }

    /** Whether the fault happens now; see {@link #fires(String)}. */
    public boolean fires() {
        return fires("");
    }

    /**
     * Whether the fault happens now. False without drawing anything when the point is unarmed or its rule has
     * used up its firings; otherwise draws from the stream {@code "fault:" + name}. A firing is journaled as a
     * {@link JournalEntry.Type#FAULT} entry named {@value #FIRED}.
     *
     * @param detail what is being faulted (a LUN, a node), recorded in the journal
     */
    public boolean fires(String detail) {
        owner.confinement().check();
        FaultRule armed = rule;
        if (armed == null || (armed.isLimited() && ruleFirings >= armed.maxFirings())) {
            return false;
        }
        if (random == null) {
            random = owner.streams().stream("fault:" + name);
        }
        if (random.nextDouble() >= armed.probability()) {
            return false;
        }
        ruleFirings++;
        firings++;
        owner.journal().append(JournalEntry.Type.FAULT, name, FIRED, Map.of(
                "detail", detail == null ? "" : detail,
                "firing", Integer.toString(firings),
                "ruleFiring", Integer.toString(ruleFirings),
                "maxFirings", armed.isLimited() ? Integer.toString(armed.maxFirings()) : "unlimited"));
        return true;
    }

    void arm(FaultRule newRule) {
        rule = newRule;
        ruleFirings = 0;
    }

    boolean disarm() {
        boolean wasArmed = rule != null;
        rule = null;
        ruleFirings = 0;
        return wasArmed;
    }

    @Override
    public String toString() {
        return "FaultPoint[" + name + (rule == null ? "" : ", armed " + rule) + "]";
    }
}
