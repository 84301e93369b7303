package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Something that takes virtual time (a failover, a reseed, a setup run) and eventually completes with a value
 * or fails with an {@link ExhaException}. Create operations with {@link Operations}; wait for one with
 * {@link Operations#await(Operation)}. Everything happens on the lab's thread: callbacks run synchronously at
 * completion.
 *
 * @param <T> the result type
 */
public final class Operation<T> {
    private final Operations owner;
    private final long id;
    private final String description;
    private String waitingFor = "unspecified";
    private List<Consumer<Operation<T>>> callbacks = new ArrayList<>();
    private boolean done;
    private T value;
    private ExhaException failure;
    private Instant completedAt;

    Operation(Operations owner, long id, String description) {
        this.owner = owner;
        this.id = id;
        this.description = description;
    }

    /** What the operation does, as shown in reports. */
    public String description() {
        return description;
    }

    /** Creation number within the world, from 1. */
    public long id() {
        return id;
    }

    /** What the operation is waiting for, shown in deadlock reports. */
    public String waitingFor() {
        owner.confinement().check();
        return waitingFor;
    }

    /**
     * Records what the operation is waiting for (a disk to come online, a log to be copied), for deadlock
     * reports.
     *
     * @return this operation
     */
    public Operation<T> waitingFor(String what) {
        owner.confinement().check();
        if (what == null || what.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "what an operation waits for must not be blank");
        }
        waitingFor = what;
        return this;
    }

    /** Whether the operation completed or failed. */
    public boolean isDone() {
        owner.confinement().check();
        return done;
    }

    /** Whether the operation failed. */
    public boolean isFailed() {
        owner.confinement().check();
        return failure != null;
    }

    /**
     * Completes the operation with {@code result} and runs its callbacks.
     *
     * @throws ExhaException {@code OPERATION_ALREADY_DONE} if it already completed or failed
     */
    public void complete(T result) {
        owner.confinement().check();
        finish(result, null);
    }

    /**
     * Fails the operation with {@code error} and runs its callbacks.
     *
     * @throws ExhaException {@code OPERATION_ALREADY_DONE} if it already completed or failed;
     *     {@code INVALID_ARGUMENT} if {@code error} is null
     */
    public void fail(ExhaException error) {
        owner.confinement().check();
        if (error == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the failure of operation '" + description + "' must not be null");
        }
        finish(null, error);
    }

    private void finish(T result, ExhaException error) {
        if (done) {
            throw new ExhaException(CoreErrorCode.OPERATION_ALREADY_DONE, "operation '" + description + "' already "
                    + (failure != null ? "failed" : "completed") + " at " + completedAt);
        }
        done = true;
        value = result;
        failure = error;
        completedAt = owner.scheduler().now();
        owner.finished(this);
        List<Consumer<Operation<T>>> toRun = callbacks;
        callbacks = null;
        for (Consumer<Operation<T>> callback : toRun) {
            callback.accept(this);
        }
    }

    /**
     * The result.
     *
     * @throws ExhaException {@code INVALID_STATE} if the operation is not done; its failure if it failed
     */
    public T result() {
        owner.confinement().check();
        if (!done) {
            throw new ExhaException(CoreErrorCode.INVALID_STATE, "operation '" + description + "' is not done yet");
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /** The failure, if the operation failed. */
    public Optional<ExhaException> failure() {
        owner.confinement().check();
        return Optional.ofNullable(failure);
    }

    /**
     * The virtual instant the operation completed or failed at.
     *
     * @throws ExhaException {@code INVALID_STATE} if it is not done
     */
    public Instant completedAt() {
        owner.confinement().check();
        if (!done) {
            throw new ExhaException(CoreErrorCode.INVALID_STATE, "operation '" + description + "' is not done yet");
        }
        return completedAt;
    }

    /**
     * Runs {@code callback} when the operation completes or fails, after callbacks registered earlier; at once
     * if it is already done.
     *
     * @return this operation
     */
    public Operation<T> whenDone(Consumer<Operation<T>> callback) {
        owner.confinement().check();
        if (callback == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "callback must not be null");
        }
        if (done) {
            callback.accept(this);
        } else {
            callbacks.add(callback);
        }
        return this;
    }

    Operations owner() {
        return owner;
    }

    @Override
    public String toString() {
        String state = !done ? "pending, waiting for " + waitingFor : failure != null ? "failed at " + completedAt : "completed at " + completedAt;
        return "Operation#" + id + "[" + description + ", " + state + "]";
    }
}
