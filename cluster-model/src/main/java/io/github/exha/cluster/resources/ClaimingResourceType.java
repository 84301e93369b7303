package io.github.exha.cluster.resources;

import io.github.exha.cluster.failover.ResourceContext;
import io.github.exha.cluster.failover.ResourceType;
import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A resource type whose online checks the world and then claims something for the node — a disk reservation, an IP
 * address, a network name, a share — which offline gives back. The engine may abandon an online or offline at any
 * moment (pending timeout, node down, a failure elsewhere): each call bumps an attempt counter, so a claim or release
 * scheduled by an abandoned call does nothing when its time comes, and {@link #terminate} releases at once.
 */
public abstract class ClaimingResourceType implements ResourceType {
    // Keyed by ResourceContext.key(); bumped by every online, offline and terminate.
    private final Map<String, Long> attempts = new TreeMap<>();
    private final Duration claimTime;
    private final Duration releaseTime;

    /**
     * @param claimTime virtual time an online takes before the claim is made
     * @param releaseTime virtual time an offline takes before the claim is given back
     */
    protected ClaimingResourceType(Duration claimTime, Duration releaseTime) {
        this.claimTime = Objects.requireNonNull(claimTime, "claimTime");
        this.releaseTime = Objects.requireNonNull(releaseTime, "releaseTime");
    }

    /**
     * Checks what the engine verifies before it calls the resource DLL at all (for example a required dependency);
     * throwing refuses the online at once. None by default.
     */
    protected void precheck(ResourceContext context) {
    }

    /**
     * Checks everything and claims what the resource holds while online, journaling it.
     *
     * @throws io.github.exha.core.error.ExhaException why the resource cannot come online (the online then fails)
     */
    protected abstract void claim(ResourceContext context);

    /** Gives back what {@link #claim} took; does nothing when nothing is held. */
    protected abstract void release(ResourceContext context);

    /** Whether the resource still holds its claim and can use it (LooksAlive and IsAlive). */
    protected abstract boolean healthy(ResourceContext context);

    @Override
    public final Operation<Void> online(ResourceContext context) {
        precheck(context);
        long attempt = nextAttempt(context);
        return context.kernel().operations().completeAfter(claimTime, name() + " '" + context.resourceName()
                + "' online on " + context.nodeName(), () -> {
                    if (isCurrent(context, attempt)) {
                        claim(context);
                    }
                    return null;
                });
    }

    @Override
    public final Operation<Void> offline(ResourceContext context) {
        long attempt = nextAttempt(context);
        return context.kernel().operations().completeAfter(releaseTime, name() + " '" + context.resourceName()
                + "' offline on " + context.nodeName(), () -> {
                    if (isCurrent(context, attempt)) {
                        release(context);
                    }
                    return null;
                });
    }

    @Override
    public final void terminate(ResourceContext context) {
        nextAttempt(context);
        release(context);
    }

    @Override
    public final boolean looksAlive(ResourceContext context) {
        return healthy(context);
    }

    @Override
    public final boolean isAlive(ResourceContext context) {
        return healthy(context);
    }

    private long nextAttempt(ResourceContext context) {
        return attempts.merge(context.key(), 1L, Long::sum);
    }

    private boolean isCurrent(ResourceContext context, long attempt) {
        return attempts.get(context.key()) == attempt;
    }
}
