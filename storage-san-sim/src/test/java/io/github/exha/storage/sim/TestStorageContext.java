package io.github.exha.storage.sim;

import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageEventListener;
import io.github.exha.storage.spi.StorageScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A deterministic context for tests: a manual virtual clock, a scheduler running tasks in (time, sequence) order, a
 * seeded random generator and a listener collecting every event. Both arrays of a test share one instance, as arrays
 * of one lab share one virtual time.
 */
final class TestStorageContext implements StorageContext {
    static final Instant START = Instant.parse("2007-03-01T08:00:00Z");

    private Instant now = START;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparing(Task::time).thenComparingLong(Task::sequence));
    private final SplittableRandom random;
    final List<StorageEvent> events = new ArrayList<>();

    TestStorageContext(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public InstantSource clock() {
        return () -> now;
    }

    @Override
    public StorageScheduler scheduler() {
        return (delay, action) -> {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay " + delay);
            }
            Task task = new Task(now.plus(delay), sequence++, action, new boolean[1]);
            tasks.add(task);
            return () -> {
                boolean pending = !task.cancelled()[0] && tasks.remove(task);
                task.cancelled()[0] = true;
                return pending;
            };
        };
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public StorageEventListener events() {
        return events::add;
    }

    Instant now() {
        return now;
    }

    /** Runs every task due within {@code duration}, then sets the clock to its end. */
    void runFor(Duration duration) {
        Instant end = now.plus(duration);
        while (!tasks.isEmpty() && !tasks.peek().time().isAfter(end)) {
            runNext();
        }
        now = end;
    }

    /** Runs tasks until none is left. */
    void runUntilIdle() {
        int guard = 0;
        while (!tasks.isEmpty()) {
            runNext();
            if (++guard > 10_000_000) {
                throw new IllegalStateException("the simulation does not go idle");
            }
        }
    }

    /** Runs just the next task (advancing the clock to it); false when there is none. */
    boolean step() {
        if (tasks.isEmpty()) {
            return false;
        }
        runNext();
        return true;
    }

    int pendingTasks() {
        return tasks.size();
    }

    private void runNext() {
        Task task = tasks.poll();
        now = task.time();
        task.action().run();
    }

    private record Task(Instant time, long sequence, Runnable action, boolean[] cancelled) {
    }
}
