package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.Objects;

/**
 * Confines one simulated world (a lab) to the thread that created it. The kernel is deliberately not
 * thread-safe: determinism comes from running one world on one thread, and parallelism comes from running
 * many labs, each on its own thread. Every public entry point of the kernel calls {@link #check()}.
 */
public final class ThreadConfinement {
    private final String labName;
    private final Thread owner;

    /**
     * Confines the lab named {@code labName} to the calling thread.
     *
     * @param labName the lab's name, used in error messages
     * @throws ExhaException {@code INVALID_ARGUMENT} if the name is null or blank
     */
    public ThreadConfinement(String labName) {
        if (labName == null || labName.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a lab name must not be blank");
        }
        this.labName = labName;
        this.owner = Thread.currentThread();
    }

    /** The lab's name. */
    public String labName() {
        return labName;
    }

    /** The thread that owns the lab. */
    public Thread owner() {
        return owner;
    }

    /** Whether the calling thread owns the lab. */
    public boolean isOwnerThread() {
        return Thread.currentThread() == owner;
    }

    /**
     * Rejects a call from any thread but the owner. A single reference comparison on the fast path; the message
     * is only built on failure.
     *
     * @throws ExhaException {@code WRONG_THREAD} when called from another thread
     */
    public void check() {
        Thread current = Thread.currentThread();
        if (current != owner) {
            throw wrongThread(current);
        }
    }

    private ExhaException wrongThread(Thread current) {
        return new ExhaException(CoreErrorCode.WRONG_THREAD,
                "Lab '" + labName + "' is owned by thread " + describe(owner) + " but was called from thread "
                        + describe(current) + ". A lab must be used from the thread that created it; "
                        + "to run simulations in parallel, create one lab per thread.");
    }

    private static String describe(Thread thread) {
        return "'" + thread.getName() + "' (id " + thread.getId() + ")";
    }

    @Override
    public String toString() {
        return "ThreadConfinement[lab=" + labName + ", owner=" + Objects.toString(owner.getName()) + "]";
    }
}
