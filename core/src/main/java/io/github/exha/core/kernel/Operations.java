package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creates a world's {@link Operation}s and waits for them by running the scheduler. Waiting for an operation
 * that nothing can complete is reported as a deadlock, with every pending operation and what it waits for.
 */
public final class Operations {
    private final Scheduler scheduler;
    private final ThreadConfinement confinement;
    // Insertion-ordered so deadlock reports list operations in creation order.
    private final Set<Operation<?>> pending = new LinkedHashSet<>();
    private long nextId = 1;

    /** Operations that run on {@code scheduler}. */
    public Operations(Scheduler scheduler, ThreadConfinement confinement) {
        if (scheduler == null || confinement == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "scheduler and confinement must not be null");
        }
        this.scheduler = scheduler;
        this.confinement = confinement;
    }

    /**
     * A pending operation that the caller completes later.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a blank description
     */
    public <T> Operation<T> create(String description) {
        confinement.check();
        if (description == null || description.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "an operation needs a description");
        }
        Operation<T> operation = new Operation<>(this, nextId++, description);
        pending.add(operation);
        return operation;
    }

    /**
     * An operation that completes {@code delay} from now with the supplier's value, computed then; an
     * {@link ExhaException} from the supplier fails it instead. If something else completes or fails the
     * operation first, the supplier is not called.
     */
    public <T> Operation<T> completeAfter(Duration delay, String description, Supplier<T> result) {
        confinement.check();
        if (result == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the result supplier must not be null");
        }
        if (delay == null || delay.isNegative()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the delay must be zero or positive: " + delay);
        }
        Operation<T> operation = create(description);
        operation.waitingFor("its completion at " + scheduler.now().plus(delay));
        scheduler.schedule(delay, () -> {
            if (operation.isDone()) {
                return;
            }
            T value;
            try {
                value = result.get();
            } catch (ExhaException e) {
                operation.fail(e);
                return;
            }
            operation.complete(value);
        });
        return operation;
    }

    /**
     * Runs the scheduler until {@code operation} is done and returns its result.
     *
     * @throws ExhaException {@code DEADLOCK} if the world goes idle (no keep-alive event pending) first, with a
     *     report of the instant and every pending operation; the operation's own failure if it failed;
     *     {@code INVALID_ARGUMENT} if the operation belongs to another world
     */
    public <T> T await(Operation<T> operation) {
        confinement.check();
        if (operation == null || operation.owner() != this) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "cannot await " + operation + ": it belongs to another world");
        }
        if (!scheduler.runUntil(operation::isDone)) {
            throw deadlock(operation);
        }
        return operation.result();
    }

    /** The operations not yet done, in creation order. */
    public List<Operation<?>> pending() {
        confinement.check();
        return List.copyOf(pending);
    }

    private ExhaException deadlock(Operation<?> awaited) {
        StringBuilder report = new StringBuilder()
                .append("Deadlock in lab '").append(confinement.labName()).append("' at virtual instant ")
                .append(scheduler.now()).append(": awaiting operation '").append(awaited.description())
                .append("', but the simulation is idle (no event pending that could complete it");
        int daemons = scheduler.pendingCount();
        if (daemons > 0) {
            report.append("; ").append(daemons).append(" daemon event(s) pending");
        }
        report.append(").\nPending operations (").append(pending.size()).append(", in creation order):");
        for (Operation<?> operation : pending) {
            report.append("\n  #").append(operation.id()).append(' ').append(operation.description())
                    .append(" — waiting for: ").append(operation.waitingFor());
        }
        return new ExhaException(CoreErrorCode.DEADLOCK, report.toString());
    }

    void finished(Operation<?> operation) {
        pending.remove(operation);
    }

    Scheduler scheduler() {
        return scheduler;
    }

    ThreadConfinement confinement() {
        return confinement;
    }

    @Override
    public String toString() {
        return "Operations[pending=" + pending.size() + "]";
    }
}
