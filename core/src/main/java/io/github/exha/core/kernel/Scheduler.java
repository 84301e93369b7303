package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The discrete-event scheduler of one simulated world. Events run one at a time on the lab's thread, ordered
 * by (virtual time, insertion sequence), so events due at the same instant run in the order they were
 * scheduled and every run of a world is reproducible.
 *
 * <p>The queue is a 4-ary min-heap of primitive (time, sequence, slot) entries in one array; a pending
 * {@link Event} holds a slot in a table beside it. Moving or cancelling an event only retires its entry, which is
 * discarded when it reaches the top (lazy deletion; the heap is compacted when retired entries outnumber live
 * ones), so sifting moves numbers in one array and never writes into event objects, and the hot path
 * ({@link #schedule(Event, long)}, {@link #step()}) allocates nothing once the arrays have grown. The {@link Timer} methods are a convenience
 * layer that allocates one handle per call.
 *
 * <p>A guard fails loudly when more than {@code maxEventsPerInstant} events run without virtual time
 * advancing, which is almost always a zero-delay loop. The scheduler cannot be run re-entrantly from inside an
 * event: an event that needs to wait schedules another event instead.
 */
public final class Scheduler {
    /** Default limit of consecutive events at one virtual instant before the runaway guard trips. */
    public static final int DEFAULT_MAX_EVENTS_PER_INSTANT = 1_000_000;

    private static final int INITIAL_CAPACITY = 64;
    /** Low bits of an entry's second word: the slot of its event. 2^24 pending events is far beyond any lab. */
    private static final int SLOT_BITS = 24;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    /** The largest sequence that fits above the slot bits; past it the live entries are renumbered. */
    static final long MAX_SEQUENCE = (1L << (63 - SLOT_BITS)) - 1;
    /** Retired entries tolerated before a compaction, beyond as many as there are live ones. */
    private static final int STALE_SLACK = 64;
    /**
     * Both words of the padding entries past the end of the heap: later than any entry (a real second word is below
     * 2^63 - 1), so every group of four children can be compared whole, without a bounds test per child.
     */
    private static final long PAD = Long.MAX_VALUE;

    private final SimClock clock;
    private final ThreadConfinement confinement;
    private final int maxEventsPerInstant;

    // The heap: entry i is keys[2i], its due time in epoch nanos, and keys[2i+1] = sequence << SLOT_BITS | slot.
    // Sequences are unique, so comparing the second words breaks ties in insertion order without reading events.
    // An entry is live while its sequence is the one its slot holds now (slotSequence); the root is always live.
    // Entries from size on are PAD, at least three of them, so a group of children read past the end is complete.
    private long[] keys = padded(new long[2 * INITIAL_CAPACITY], 0);
    private int size;
    private long nextSequence;
    // The slot table: the pending event of each slot and the sequence of its live entry (-1 for a free slot).
    private Event[] slotEvents = new Event[INITIAL_CAPACITY];
    private long[] slotSequence = new long[INITIAL_CAPACITY];
    private int[] freeSlots = new int[INITIAL_CAPACITY];
    private int freeCount;
    private int slotsUsed;
    private int live;
    private int keepAliveCount;

    private int eventsAtCurrentInstant;
    private Event lastFired;
    private boolean firing;
    // While an event fires, its entry stays at the root (retired: its slot's sequence is -1), so that if the event
    // schedules itself again the new entry replaces the root and sinks, one pass instead of a removal and an
    // insertion. Nothing can rise above it meanwhile (every new entry is due no earlier, with a later sequence);
    // anything that needs a live root first drops it (discardRetiredRoots), and so does the end of the firing.
    private boolean heldRoot;

    /** A scheduler over {@code clock} with the default runaway limit. */
    public Scheduler(SimClock clock, ThreadConfinement confinement) {
        this(clock, confinement, DEFAULT_MAX_EVENTS_PER_INSTANT);
    }

    /**
     * A scheduler over {@code clock}.
     *
     * @param maxEventsPerInstant how many consecutive events may run without virtual time advancing before the
     *     runaway guard throws {@code RUNAWAY_ZERO_DELAY}; at least 1
     */
    public Scheduler(SimClock clock, ThreadConfinement confinement, int maxEventsPerInstant) {
        if (clock == null || confinement == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "clock and confinement must not be null");
        }
        if (maxEventsPerInstant < 1) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT,
                    "maxEventsPerInstant must be at least 1, got " + maxEventsPerInstant);
        }
        this.clock = clock;
        this.confinement = confinement;
        this.maxEventsPerInstant = maxEventsPerInstant;
    }

    // ---------------------------------------------------------------- reusable events (allocation-free)

    /**
     * Schedules {@code event} to fire {@code delayNanos} from now. A pending event is moved (it then runs after
     * the events already due at its new instant). Zero delay runs it after the events already queued for now.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a null event, a negative delay, a time beyond the
     *     simulated range, or an event pending in another scheduler
     */
    public void schedule(Event event, long delayNanos) {
        confinement.check();
        long now = clock.nanos();
        long due = now + delayNanos;
        if (delayNanos < 0 || due < now) {
            throw invalidDelay(delayNanos, now);
        }
        enqueue(event, due);
    }

    private static ExhaException invalidDelay(long delayNanos, long now) {
        if (delayNanos < 0) {
            return new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "delay must not be negative: " + delayNanos + " ns");
        }
        return new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "delay of " + delayNanos
                + " ns from " + SimClock.toInstant(now) + " is beyond the simulated range");
    }

    /**
     * Schedules {@code event} to fire at {@code epochNanos}, moving it if it is pending.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a null event, a time in the past, or an event pending
     *     in another scheduler
     */
    public void scheduleAt(Event event, long epochNanos) {
        confinement.check();
        if (epochNanos < clock.nanos()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "cannot schedule at " + SimClock.toInstant(epochNanos)
                    + ": it is before the current virtual time " + clock.instant());
        }
        enqueue(event, epochNanos);
    }

    /**
     * Removes {@code event} from the queue.
     *
     * @return whether it was pending here (false once it has fired or been cancelled)
     */
    public boolean cancel(Event event) {
        confinement.check();
        if (event == null || event.queuedIn != this) {
            return false;
        }
        release(event);
        retired();
        return true;
    }

    /** Whether {@code event} is pending in this scheduler. */
    public boolean isScheduled(Event event) {
        confinement.check();
        return event != null && event.queuedIn == this;
    }

    /**
     * Puts {@code event} in the queue at {@code due}. Kept small so that the JIT compiler inlines it into the
     * callers: the common case, an event re-scheduling itself from fire(), goes straight to replacing the root.
     */
    private void enqueue(Event event, long due) {
        if (heldRoot && event == lastFired && event.queuedIn == null) {
            replaceHeldRoot(event, due);
        } else {
            insertOrMove(event, due);
        }
    }

    /** The firing event schedules itself again: it takes its slot back and its new entry replaces the root. */
    private void replaceHeldRoot(Event event, long due) {
        int slot = (int) (keys[1] & SLOT_MASK);
        long sequence = takeSequence();
        enterQueue(event, slot, sequence);
        if (heldRoot) {
            heldRoot = false;
            sink(size, due, sequence << SLOT_BITS | slot);
            discardRetiredRoots();
        } else {
            push(due, sequence << SLOT_BITS | slot); // the renumbering in takeSequence dropped the root
        }
    }

    private void insertOrMove(Event event, long due) {
        if (event == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "event must not be null");
        }
        if (event.queuedIn == this) {
            // Moving takes a fresh sequence, so a re-scheduled event runs after those already due at its instant;
            // the old entry is retired in place.
            int slot = event.slot;
            long sequence = takeSequence();
            slotSequence[slot] = sequence;
            push(due, sequence << SLOT_BITS | slot);
            retired();
            return;
        }
        if (event.queuedIn != null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT,
                    "event " + event.getClass().getName() + " is already pending in another scheduler");
        }
        int slot = event.slot;
        if (!(firing && event == lastFired && slot >= 0 && slotEvents[slot] == event)) {
            slot = takeSlot();
            slotEvents[slot] = event;
        }
        long sequence = takeSequence();
        enterQueue(event, slot, sequence);
        push(due, sequence << SLOT_BITS | slot);
    }

    /** Makes {@code event} pending in {@code slot} with {@code sequence}; its entry is the caller's to place. */
    private void enterQueue(Event event, int slot, long sequence) {
        slotSequence[slot] = sequence;
        event.slot = slot;
        event.queuedIn = this;
        live++;
        if (event.liveness() == Liveness.KEEPS_ALIVE) {
            keepAliveCount++;
        }
    }

    private int takeSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == slotEvents.length) {
            if (slotsUsed > SLOT_MASK) {
                throw new ExhaException(CoreErrorCode.INVALID_STATE, "lab '" + confinement.labName() + "' has "
                        + slotsUsed + " pending events, the most one scheduler holds");
            }
            int capacity = slotsUsed * 2;
            slotEvents = Arrays.copyOf(slotEvents, capacity);
            slotSequence = Arrays.copyOf(slotSequence, capacity);
            freeSlots = Arrays.copyOf(freeSlots, capacity);
        }
        return slotsUsed++;
    }

    private long takeSequence() {
        if (nextSequence > MAX_SEQUENCE) {
            renumber();
        }
        return nextSequence++;
    }

    /** Sets the next sequence, so a test can reach the renumbering without 2^39 events. */
    void setNextSequence(long next) {
        nextSequence = next;
    }

    /** Entries of moved or cancelled events still in the heap, for tests of the compaction. */
    int retiredEntries() {
        return size - live;
    }

    /** Frees the slot of {@code event}, which has left the queue or been cancelled, retiring its live entry if any. */
    private void release(Event event) {
        int slot = event.slot;
        leaveQueue(event, slot);
        slotEvents[slot] = null;
        freeSlots[freeCount++] = slot;
        event.slot = -1;
    }

    /** Retires the live entry of {@code event} (in {@code slot}) and stops counting it as pending. */
    private void leaveQueue(Event event, int slot) {
        slotSequence[slot] = -1;
        event.queuedIn = null;
        live--;
        if (event.liveness() == Liveness.KEEPS_ALIVE) {
            keepAliveCount--;
        }
    }

    private void push(long time, long low) {
        if (2 * (size + 4) > keys.length) {
            keys = padded(Arrays.copyOf(keys, keys.length * 2), size);
        }
        siftUp(size++, time, low);
    }

    /** Fills {@code keys} with padding from entry {@code from} on. */
    private static long[] padded(long[] keys, int from) {
        Arrays.fill(keys, 2 * from, keys.length, PAD);
        return keys;
    }

    // ---------------------------------------------------------------- timers (one handle per call)

    /**
     * Runs {@code action} once after {@code delay}; the timer keeps the world alive while pending.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a null or negative delay or a null action
     */
    public Timer schedule(Duration delay, Runnable action) {
        return schedule(delay, action, Liveness.KEEPS_ALIVE);
    }

    /** Runs {@code action} once after {@code delay} with the given liveness. */
    public Timer schedule(Duration delay, Runnable action, Liveness liveness) {
        confinement.check();
        long delayNanos = toNanos(delay, "delay");
        Timer timer = new Timer(this, requireAction(action), requireLiveness(liveness), 0L);
        schedule(timer.event(), delayNanos);
        timer.setDue(clock.nanos() + delayNanos);
        return timer;
    }

    /**
     * Runs {@code action} once at {@code when}; the timer keeps the world alive while pending.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for an instant in the past or a null action
     */
    public Timer scheduleAt(Instant when, Runnable action) {
        return scheduleAt(when, action, Liveness.KEEPS_ALIVE);
    }

    /** Runs {@code action} once at {@code when} with the given liveness. */
    public Timer scheduleAt(Instant when, Runnable action, Liveness liveness) {
        confinement.check();
        if (when == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the instant must not be null");
        }
        long due = SimClock.toEpochNanos(when);
        Timer timer = new Timer(this, requireAction(action), requireLiveness(liveness), 0L);
        scheduleAt(timer.event(), due);
        timer.setDue(due);
        return timer;
    }

    /**
     * Runs {@code action} after {@code initialDelay} and then every {@code period} until the timer is cancelled
     * (also from inside the action). The timer is a {@link Liveness#DAEMON}: it does not keep the world alive.
     * Firings fall at exact multiples of the period; the timer re-arms before the action runs, so an action that
     * throws leaves its timer armed (the exception still propagates out of the run).
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a negative initial delay, a period that is not
     *     positive, or a null action
     */
    public Timer scheduleEvery(Duration initialDelay, Duration period, Runnable action) {
        return scheduleEvery(initialDelay, period, action, Liveness.DAEMON);
    }

    /**
     * Like {@link #scheduleEvery(Duration, Duration, Runnable)} with the given liveness. A periodic
     * {@link Liveness#KEEPS_ALIVE} timer keeps {@link #runUntilIdle()} going until it is cancelled.
     */
    public Timer scheduleEvery(Duration initialDelay, Duration period, Runnable action, Liveness liveness) {
        confinement.check();
        long delayNanos = toNanos(initialDelay, "initial delay");
        long periodNanos = toNanos(period, "period");
        if (periodNanos == 0) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the period of a periodic timer must be positive");
        }
        Timer timer = new Timer(this, requireAction(action), requireLiveness(liveness), periodNanos);
        schedule(timer.event(), delayNanos);
        timer.setDue(clock.nanos() + delayNanos);
        return timer;
    }

    private static long toNanos(Duration duration, String what) {
        if (duration == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the " + what + " must not be null");
        }
        if (duration.isNegative()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the " + what + " must not be negative: " + duration);
        }
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the " + what + " " + duration + " is beyond the simulated range");
        }
    }

    private static Runnable requireAction(Runnable action) {
        if (action == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the action must not be null");
        }
        return action;
    }

    private static Liveness requireLiveness(Liveness liveness) {
        if (liveness == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "liveness must not be null");
        }
        return liveness;
    }

    // ---------------------------------------------------------------- running

    /**
     * Runs the next event, first advancing the clock to its time.
     *
     * @return false if no event was pending
     * @throws ExhaException {@code RUNAWAY_ZERO_DELAY} when the runaway guard trips (the event stays pending);
     *     {@code INVALID_STATE} when called from inside an event; or whatever the event throws (the event has
     *     then been removed and the rest of the queue is intact)
     */
    public boolean step() {
        confinement.check();
        if (heldRoot) {
            discardRetiredRoots();
        }
        if (size == 0) {
            return false;
        }
        requireNotFiring();
        fireNext();
        return true;
    }

    /** Runs every event due at or before now + {@code duration}, then sets the clock to that instant. */
    public void runFor(Duration duration) {
        confinement.check();
        long nanos = toNanos(duration, "duration");
        long now = clock.nanos();
        long target = now + nanos;
        if (target < now) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "running for " + duration + " from "
                    + clock.instant() + " goes beyond the simulated range");
        }
        runUntilNanos(target);
    }

    /**
     * Runs every event (daemon events included) due at or before {@code target}, then sets the clock to it.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} if {@code target} is in the past
     */
    public void runUntil(Instant target) {
        confinement.check();
        runUntilNanos(requireNotPast(target));
    }

    private long requireNotPast(Instant target) {
        if (target == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the target instant must not be null");
        }
        long nanos = SimClock.toEpochNanos(target);
        if (nanos < clock.nanos()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT,
                    "cannot run until " + target + ": it is before the current virtual time " + clock.instant());
        }
        return nanos;
    }

    private void runUntilNanos(long target) {
        requireNotFiring();
        while (size > 0 && keys[0] <= target) {
            fireNext();
        }
        advanceClock(target);
    }

    /**
     * Runs events until {@code condition} holds or the world is idle (no {@link Liveness#KEEPS_ALIVE} event
     * pending). The condition is checked first and after every event, so the clock stays at the event that made
     * it true.
     *
     * @return whether the condition holds
     */
    public boolean runUntil(BooleanSupplier condition) {
        confinement.check();
        requireCondition(condition);
        requireNotFiring();
        while (!condition.getAsBoolean()) {
            if (keepAliveCount == 0) {
                return false;
            }
            fireNext();
        }
        return true;
    }

    /**
     * Runs events (daemon events included, since the deadline bounds the run) until {@code condition} holds or
     * no event is due at or before {@code deadline}; in the latter case the clock is set to the deadline.
     *
     * @return whether the condition holds
     * @throws ExhaException {@code INVALID_ARGUMENT} if the deadline is in the past
     */
    public boolean runUntil(BooleanSupplier condition, Instant deadline) {
        confinement.check();
        requireCondition(condition);
        long target = requireNotPast(deadline);
        requireNotFiring();
        while (!condition.getAsBoolean()) {
            if (size == 0 || keys[0] > target) {
                advanceClock(target);
                return condition.getAsBoolean();
            }
            fireNext();
        }
        return true;
    }

    private static void requireCondition(BooleanSupplier condition) {
        if (condition == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the condition must not be null");
        }
    }

    /**
     * Runs events until no {@link Liveness#KEEPS_ALIVE} event is pending. Daemon events due before the last
     * keep-alive event run too; later ones stay pending, and the clock stays at the last event run.
     */
    public void runUntilIdle() {
        confinement.check();
        requireNotFiring();
        while (keepAliveCount > 0) {
            fireNext();
        }
    }

    /** Whether no {@link Liveness#KEEPS_ALIVE} event is pending: the world has nothing left to do. O(1). */
    public boolean isIdle() {
        confinement.check();
        return keepAliveCount == 0;
    }

    /** The current virtual instant. */
    public Instant now() {
        return clock.instant();
    }

    /** The current virtual time in epoch nanoseconds. */
    public long nowNanos() {
        return clock.nanos();
    }

    /** The clock this scheduler advances. */
    public SimClock clock() {
        return clock;
    }

    /** The number of pending events, daemon events included. */
    public int pendingCount() {
        confinement.check();
        return live;
    }

    /** The number of pending {@link Liveness#KEEPS_ALIVE} events. */
    public int keepAliveCount() {
        confinement.check();
        return keepAliveCount;
    }

    /** When the next pending event is due, if any. */
    public Optional<Instant> nextEventTime() {
        confinement.check();
        if (heldRoot) {
            discardRetiredRoots();
        }
        return size == 0 ? Optional.empty() : Optional.of(SimClock.toInstant(keys[0]));
    }

    /** The runaway guard's limit. */
    public int maxEventsPerInstant() {
        return maxEventsPerInstant;
    }

    private void requireNotFiring() {
        if (firing) {
            throw new ExhaException(CoreErrorCode.INVALID_STATE, "the scheduler of lab '" + confinement.labName()
                    + "' cannot be run from inside an event; schedule a follow-up event instead");
        }
    }

    /** Fires the root's event; the caller has checked that the queue is not empty and that no event is firing. */
    private void fireNext() {
        long due = keys[0];
        if (due > clock.nanos()) {
            clock.advanceTo(due);
            eventsAtCurrentInstant = 0;
        }
        if (eventsAtCurrentInstant >= maxEventsPerInstant) {
            throw runaway();
        }
        eventsAtCurrentInstant++;
        int slot = (int) (keys[1] & SLOT_MASK);
        Event event = slotEvents[slot];
        // The event leaves the queue but keeps its slot, and its entry the root, while it fires: most events
        // schedule themselves again from fire(), and then take both back (see heldRoot).
        leaveQueue(event, slot);
        heldRoot = true;
        lastFired = event;
        firing = true;
        try {
            event.fire();
        } finally {
            firing = false;
            if (slotSequence[slot] == -1) {
                firedWithoutRescheduling(event, slot);
            }
        }
    }

    /**
     * After {@code event} fired without scheduling itself again into {@code slot} (heldRoot implies that): drops
     * its entry if still at the root and frees the slot unless a cancel freed it already.
     */
    private void firedWithoutRescheduling(Event event, int slot) {
        if (heldRoot) {
            discardRetiredRoots();
        }
        if (slotEvents[slot] == event) {
            slotEvents[slot] = null;
            freeSlots[freeCount++] = slot;
            if (event.slot == slot) {
                event.slot = -1;
            }
        }
    }

    private void advanceClock(long target) {
        if (target > clock.nanos()) {
            clock.advanceTo(target);
            eventsAtCurrentInstant = 0;
        }
    }

    private ExhaException runaway() {
        String last = lastFired == null ? "none" : lastFired.origin().getClass().getName();
        return new ExhaException(CoreErrorCode.RUNAWAY_ZERO_DELAY, "Runaway zero-delay loop in lab '"
                + confinement.labName() + "': " + eventsAtCurrentInstant + " consecutive events ran at virtual instant "
                + clock.instant() + " without time advancing (limit " + maxEventsPerInstant + "); last event: " + last
                + ", next event: " + slotEvents[(int) (keys[1] & SLOT_MASK)].origin().getClass().getName());
    }

    // ---------------------------------------------------------------- the 4-ary heap

    private boolean isRetired(long low) {
        return slotSequence[(int) (low & SLOT_MASK)] != low >>> SLOT_BITS;
    }

    /** After an entry was retired: keeps the root live and the retired entries fewer than the live ones. */
    private void retired() {
        discardRetiredRoots();
        if (size - live > live + STALE_SLACK) {
            compact();
        }
    }

    private void discardRetiredRoots() {
        heldRoot = false;
        while (size > 0 && isRetired(keys[1])) {
            removeRoot();
        }
    }

    /** Drops every retired entry and rebuilds the heap bottom-up, O(n). */
    private void compact() {
        heldRoot = false;
        long[] keys = this.keys;
        int n = 0;
        for (int i = 0; i < size; i++) {
            long low = keys[2 * i + 1];
            if (!isRetired(low)) {
                keys[2 * n] = keys[2 * i];
                keys[2 * n + 1] = low;
                n++;
            }
        }
        Arrays.fill(keys, 2 * n, 2 * size, PAD);
        size = n;
        for (int i = n / 4; i >= 0; i--) {
            if (i < n) {
                siftDown(i, keys[2 * i], keys[2 * i + 1]);
            }
        }
    }

    /**
     * Gives the live entries the sequences 0, 1, ... in firing order, once 2^39 sequences are used up. The entries
     * leave the heap in order, and an ordered array is a heap.
     */
    private void renumber() {
        heldRoot = false;
        long[] ordered = new long[2 * live];
        int n = 0;
        while (size > 0) {
            long time = keys[0];
            long low = keys[1];
            removeRoot();
            if (!isRetired(low)) {
                ordered[2 * n] = time;
                ordered[2 * n + 1] = low;
                n++;
            }
        }
        for (int i = 0; i < n; i++) {
            int slot = (int) (ordered[2 * i + 1] & SLOT_MASK);
            slotSequence[slot] = i;
            keys[2 * i] = ordered[2 * i];
            keys[2 * i + 1] = (long) i << SLOT_BITS | slot;
        }
        size = n;
        nextSequence = n;
    }

    /**
     * Removes the root entry (bottom-up, Floyd's variant): the hole at the root descends along the earliest
     * children to a leaf, then the last entry rises from there. The last entry almost always belongs near the
     * bottom, so this spares the comparison with it at every level that a plain sift-down makes. Which layout the
     * heap ends in does not matter: (time, sequence) is a total order, so the firing order is the same.
     */
    private void removeRoot() {
        int last = --size;
        long[] keys = this.keys;
        long time = keys[2 * last];
        long low = keys[2 * last + 1];
        keys[2 * last] = PAD;
        keys[2 * last + 1] = PAD;
        if (last > 0) {
            sink(last, time, low);
        }
    }

    /**
     * Puts the entry (time, low) in place of the root of the first {@code n} entries, bottom-up: the hole descends
     * along the earliest children to a leaf, then the entry rises from there.
     */
    private void sink(int n, long time, long low) {
        long[] keys = this.keys;
        int i = 0;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = earliestOfFour(first);
            keys[2 * i] = keys[2 * best];
            keys[2 * i + 1] = keys[2 * best + 1];
            i = best;
        }
        siftUp(i, time, low);
    }

    /**
     * The earliest of the four entries from {@code first} (padding included): a tournament on the times computed
     * with arithmetic instead of branches, which the data-random comparisons would mispredict about half the time,
     * unless two times tie; then the (time, sequence) scan decides.
     */
    private int earliestOfFour(int first) {
        long[] keys = this.keys;
        int k = 2 * first;
        long t0 = keys[k];
        long t1 = keys[k + 2];
        long t2 = keys[k + 4];
        long t3 = keys[k + 6];
        if (t0 != t1 && t2 != t3) {
            int c01 = lessBit(t1, t0);
            int c23 = lessBit(t3, t2);
            // The earlier of each pair, chosen by masking: t0 + (t1 - t0) wraps back to t1 exactly.
            long m01 = t0 + ((t1 - t0) & -(long) c01);
            long m23 = t2 + ((t3 - t2) & -(long) c23);
            if (m01 != m23) {
                int b01 = first + c01;
                int b23 = first + 2 + c23;
                return b01 + ((b23 - b01) & -lessBit(m23, m01));
            }
        }
        return earliestChild(first, first + 4);
    }

    /**
     * 1 if {@code a < b}, else 0, without a branch: the sign of {@code a - b} corrected for overflow (Hacker's
     * Delight, 2-12), so times anywhere in the {@code long} range compare right.
     */
    private static int lessBit(long a, long b) {
        long d = a - b;
        return (int) ((d ^ ((a ^ b) & (d ^ a))) >>> 63);
    }

    /** The earliest of the entries {@code first} (inclusive) to {@code end} (exclusive) by (time, sequence). */
    private int earliestChild(int first, int end) {
        long[] keys = this.keys;
        int best = first;
        long bestTime = keys[2 * first];
        long bestLow = keys[2 * first + 1];
        for (int c = first + 1; c < end; c++) {
            long t = keys[2 * c];
            long low = keys[2 * c + 1];
            if (t < bestTime || (t == bestTime && low < bestLow)) {
                best = c;
                bestTime = t;
                bestLow = low;
            }
        }
        return best;
    }

    /** Places the entry (time, low) at hole {@code i} or above it. */
    private void siftUp(int i, long time, long low) {
        long[] keys = this.keys;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long parentTime = keys[2 * parent];
            long parentLow = keys[2 * parent + 1];
            if (time > parentTime || (time == parentTime && low > parentLow)) {
                break;
            }
            keys[2 * i] = parentTime;
            keys[2 * i + 1] = parentLow;
            i = parent;
        }
        keys[2 * i] = time;
        keys[2 * i + 1] = low;
    }

    /** Places the entry (time, low) at hole {@code i} or below it. */
    private void siftDown(int i, long time, long low) {
        long[] keys = this.keys;
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = earliestOfFour(first);
            long bestTime = keys[2 * best];
            long bestLow = keys[2 * best + 1];
            if (time < bestTime || (time == bestTime && low < bestLow)) {
                break;
            }
            keys[2 * i] = bestTime;
            keys[2 * i + 1] = bestLow;
            i = best;
        }
        keys[2 * i] = time;
        keys[2 * i + 1] = low;
    }

    @Override
    public String toString() {
        return "Scheduler[lab=" + confinement.labName() + ", now=" + clock.instant() + ", pending=" + size
                + ", keepAlive=" + keepAliveCount + ", retired=" + (size - live) + "]";
    }
}
