package io.github.exha.storage.tck;

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
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * The deterministic {@link StorageContext} the TCK gives a plugin: a virtual clock starting at
 * {@link #START} that moves only when the TCK runs the scheduler, a scheduler ordered by (due time, scheduling order),
 * a {@link SplittableRandom} seeded by the TCK and a listener recording every {@link StorageEvent}.
 *
 * <p>Nothing runs by itself: a test drives time with {@link #runFor}, {@link #runUntil} or {@link #runUntilIdle}, so a
 * plugin that schedules everything through this context behaves identically on every run with the same seed.
 */
public final class TckStorageContext implements StorageContext {
    /** Where the virtual clock starts: the era the simulation is about. */
    public static final Instant START = Instant.parse("2008-03-01T00:00:00Z");

    /** How many actions {@link #runUntilIdle()} runs before it decides the plugin schedules work endlessly. */
    public static final long DEFAULT_ACTION_LIMIT = 5_000_000L;

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
    private final List<StorageEvent> events = new ArrayList<>();
    private final long seed;
    private final SplittableRandom random;
    private final long actionLimit;
    private final StorageScheduler scheduler = this::schedule;
    private final InstantSource clock = this::now;
    private Instant now = START;
    private long sequence;

    /** A context whose random generator is seeded with {@code seed}. */
    public TckStorageContext(long seed) {
        this(seed, DEFAULT_ACTION_LIMIT);
    }

    /**
     * A context with its own guard against endless work.
     *
     * @param seed the random generator's seed
     * @param actionLimit how many actions one {@code run...} call may run at most; positive
     */
    public TckStorageContext(long seed, long actionLimit) {
        if (actionLimit <= 0) {
            throw new IllegalArgumentException("actionLimit must be positive: " + actionLimit);
        }
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.actionLimit = actionLimit;
    }

    /**
     * A generator for a test's own choices (sampling instants, picking offsets), derived from the seed and a name so
     * the test never draws from, and so never perturbs, the plugin's {@link #random()}.
     */
    public RandomGenerator testStream(String name) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public StorageScheduler scheduler() {
        return scheduler;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public StorageEventListener events() {
        return events::add;
    }

    /** The virtual time now. */
    public Instant now() {
        return now;
    }

    /** Every event the plugin emitted so far, in emission order. */
    public List<StorageEvent> recordedEvents() {
        return List.copyOf(events);
    }

    /** The events of one type emitted so far, in emission order. */
    public List<StorageEvent> recordedEvents(StorageEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    /** How many scheduled actions have not run (or been cancelled) yet. */
    public int pendingActions() {
        return queue.size();
    }

    /**
     * Runs every action due within {@code duration} from now, in order, then sets the clock to now + duration.
     *
     * @throws IllegalStateException when more than the action limit of actions run
     */
    public void runFor(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        Instant deadline = now.plus(duration);
        long ran = 0;
        while (!queue.isEmpty() && !queue.peek().due().isAfter(deadline)) {
            runNext();
            ran = guard(ran);
        }
        now = deadline;
    }

    /**
     * Runs actions until {@code condition} holds (checked before the first and after every action) or until
     * {@code limit} of virtual time has passed; the clock stops at the moment the condition became true.
     *
     * @return whether the condition holds
     * @throws IllegalStateException when more than the action limit of actions run
     */
    public boolean runUntil(BooleanSupplier condition, Duration limit) {
        Instant deadline = now.plus(limit);
        long ran = 0;
        while (!condition.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().due().isAfter(deadline)) {
                now = deadline;
                return condition.getAsBoolean();
            }
            runNext();
            ran = guard(ran);
        }
        return true;
    }

    /**
     * Runs actions until none is left.
     *
     * @throws IllegalStateException when more than the action limit of actions run: the plugin keeps scheduling work
     */
    public void runUntilIdle() {
        long ran = 0;
        while (!queue.isEmpty()) {
            runNext();
            ran = guard(ran);
        }
    }

    private long guard(long ran) {
        if (ran + 1 > actionLimit) {
            throw new IllegalStateException("The plugin keeps scheduling work: " + actionLimit + " actions ran in one"
                    + " call and more are due (virtual time " + now + ").");
        }
        return ran + 1;
    }

    private void runNext() {
        Task task = queue.poll();
        now = task.due();
        task.run();
    }

    private StorageScheduler.Cancellable schedule(Duration delay, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        Task task = new Task(now.plus(delay), sequence++, action);
        queue.add(task);
        return () -> task.pending() && queue.remove(task);
    }

    /** One scheduled action; identity matters for cancellation. */
    private static final class Task {
        private final Instant due;
        private final long sequence;
        private final Runnable action;
        private boolean done;

        Task(Instant due, long sequence, Runnable action) {
            this.due = due;
            this.sequence = sequence;
            this.action = action;
        }

        Instant due() {
            return due;
        }

        long sequence() {
            return sequence;
        }

        boolean pending() {
            return !done;
        }

        void run() {
            done = true;
            action.run();
        }
    }
}
