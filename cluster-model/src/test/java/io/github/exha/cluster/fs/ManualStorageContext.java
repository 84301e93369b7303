package io.github.exha.cluster.fs;

import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageEventListener;
import io.github.exha.storage.spi.StorageScheduler;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** A deterministic storage context: manual virtual clock, (time, sequence)-ordered tasks, seeded random, events. */
final class ManualStorageContext implements StorageContext {
    private Instant now = Instant.parse("2007-03-01T08:00:00Z");
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparing(Task::time).thenComparingLong(Task::sequence));
    private final SplittableRandom random;
    final List<StorageEvent> events = new ArrayList<>();

    ManualStorageContext(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public InstantSource clock() {
        return () -> now;
    }

    @Override
    public StorageScheduler scheduler() {
        return (delay, action) -> {
            Task task = new Task(now.plus(delay), sequence++, action);
            tasks.add(task);
            return () -> tasks.remove(task);
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

    /** Runs tasks until none is left. */
    void runUntilIdle() {
        while (!tasks.isEmpty()) {
            Task task = tasks.poll();
            now = task.time();
            task.action().run();
        }
    }

    private record Task(Instant time, long sequence, Runnable action) {
    }
}
