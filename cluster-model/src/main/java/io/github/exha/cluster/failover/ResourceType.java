package io.github.exha.cluster.failover;

import io.github.exha.core.kernel.Operation;

/**
 * A kind of cluster resource ("Physical Disk", "IP Address", "Network Name", "File Share", "Generic Service",
 * "Majority Node Set", the Exchange types): what the resource monitor does to bring one online, take it offline and
 * check its health. The engine owns the state machine and the policies; a type only does the work.
 *
 * <p>{@link #online} and {@link #offline} return an operation that completes when the work is done, in virtual
 * time; an online that fails does so with an {@link io.github.exha.core.error.ExhaException} saying why. The
 * engine may abandon an operation (pending timeout, node down, a failure elsewhere): it then calls
 * {@link #terminate} and ignores the operation's outcome, so a type must stop whatever it had scheduled, or at
 * least make it harmless.
 */
public interface ResourceType {
    /** The type's name as Windows shows it, for example {@code Generic Service}. */
    String name();

    /** The policy a new resource of this type starts with. */
    default ResourcePolicy defaultPolicy() {
        return ResourcePolicy.DEFAULT;
    }

    /** Called once when a resource of this type is created (to register fault points, for example). */
    default void created(ResourceContext context) {
    }

    /** Starts bringing the resource online on {@code context.nodeName()}. */
    Operation<Void> online(ResourceContext context);

    /** Starts taking the resource offline gracefully. */
    Operation<Void> offline(ResourceContext context);

    /** Stops the resource at once, abandoning any online or offline in progress. */
    default void terminate(ResourceContext context) {
    }

    /** The cheap health check, run every LooksAlive interval while the resource is online. */
    boolean looksAlive(ResourceContext context);

    /** The thorough health check, run every IsAlive interval while the resource is online. */
    boolean isAlive(ResourceContext context);
}
