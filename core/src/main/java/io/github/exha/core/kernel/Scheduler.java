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
 * <p>A pending {@link Event} holds a slot in a table, and the queue is a tournament (winner) tree over the slots,
 * of primitive (time, sequence, slot) entries in one array: each slot's leaf holds its event's entry, each inner
 * node the earliest entry below it, so the root is the next event. Scheduling, moving and cancelling an event
 * rewrite its leaf and replay the matches on the path to the root, log2(slots) of them, each one comparison with
 * a sibling whose place is known in advance; the tree never reads or writes event objects, and the hot path
 * ({@link #schedule(Event, long)}, {@link #step()}) allocates nothing once the arrays have grown. The
 * {@link Timer} methods are a convenience layer that allocates one handle per call.
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
    /** The largest sequence that fits above the slot bits; past it the pending entries are renumbered. */
    static final long MAX_SEQUENCE = (1L << (63 - SLOT_BITS)) - 1;
    /**
     * Both words of the entry of an empty leaf: later than any real entry (a real second word is below 2^63 - 1),
     * so it never wins a match against one.
     */
    private static final long PAD = Long.MAX_VALUE;

    private final SimClock clock;
    private final ThreadConfinement confinement;
    private final int maxEventsPerInstant;

    // The tree: node p (1 <= p < 2 * capacity) is tree[2p], a due time in epoch nanos, and tree[2p+1] =
    // sequence << SLOT_BITS | slot; node 1 is the root, node capacity + s the leaf of slot s, and the children of p
    // are 2p and 2p + 1. Sequences are unique, so comparing the second words breaks ties in insertion order. A leaf
    // holds PAD unless its slot's event is pending (or is firing with its entry held, see heldRoot).
    private int capacity = INITIAL_CAPACITY;
    private long[] tree = padded(new long[4 * INITIAL_CAPACITY]);
    private long nextSequence;
    // The slot table: the event holding each slot, and the free slots below slotsUsed.
    private Event[] slotEvents = new Event[INITIAL_CAPACITY];
    private int[] freeSlots = new int[INITIAL_CAPACITY];
    private int freeCount;
    private int slotsUsed;
    private int live;
    private int keepAliveCount;

    private int eventsAtCurrentInstant;
    private Event lastFired;
    private boolean firing;
    /** The slot of the event firing now, which it keeps while it fires (its own field may change meanwhile). */
    private int firingSlot;
    // While an event fires it is no longer pending, but its entry stays in its leaf, still the root: if the event
    // schedules itself again, the new entry simply replaces it (one replay instead of two). Nothing can win over it
    // meanwhile (every new entry is due no earlier, with a later sequence); whatever needs the true next event first
    // drops it (dropHeldRoot), and so does the end of the firing.
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
        int slot = event.slot;
        leaveQueue(event);
        clear(slot);
        freeSlot(slot);
        event.slot = -1;
        return true;
    }

    /** Whether {@code event} is pending in this scheduler. */
    public boolean isScheduled(Event event) {
        confinement.check();
        return event != null && event.queuedIn == this;
    }

    /**
     * Puts {@code event} in the queue at {@code due}. Kept small so that the JIT compiler inlines it into the
     * callers: the common case, the firing event scheduling itself again, goes straight to its held leaf.
     */
    private void enqueue(Event event, long due) {
        if (heldRoot && event == lastFired && event.queuedIn == null) {
            int slot = firingSlot;
            long sequence = takeSequence(); // (a renumbering drops the held entry itself)
            heldRoot = false;
            enterQueue(event, slot);
            set(slot, due, sequence << SLOT_BITS | slot);
        } else {
            insertOrMove(event, due);
        }
    }

    private void insertOrMove(Event event, long due) {
        if (event == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "event must not be null");
        }
        if (event.queuedIn == this) {
            // Moving takes a fresh sequence, so a re-scheduled event runs after those already due at its instant.
            int slot = event.slot;
            set(slot, due, takeSequence() << SLOT_BITS | slot);
            return;
        }
        if (event.queuedIn != null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT,
                    "event " + event.getClass().getName() + " is already pending in another scheduler");
        }
        int slot;
        if (firing && event == lastFired && slotEvents[firingSlot] == event) {
            slot = firingSlot; // the firing event takes back the slot it kept
        } else {
            slot = takeSlot();
            slotEvents[slot] = event;
        }
        long sequence = takeSequence();
        enterQueue(event, slot);
        set(slot, due, sequence << SLOT_BITS | slot);
    }

    /** Makes {@code event}, which holds {@code slot}, pending; its entry is the caller's to place. */
    private void enterQueue(Event event, int slot) {
        event.slot = slot;
        event.queuedIn = this;
        live++;
        if (event.liveness() == Liveness.KEEPS_ALIVE) {
            keepAliveCount++;
        }
    }

    /** Stops counting {@code event} as pending; its slot and entry are the caller's to release. */
    private void leaveQueue(Event event) {
        event.queuedIn = null;
        live--;
        if (event.liveness() == Liveness.KEEPS_ALIVE) {
            keepAliveCount--;
        }
    }

    private int takeSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == capacity) {
            if (slotsUsed > SLOT_MASK) {
                throw new ExhaException(CoreErrorCode.INVALID_STATE, "lab '" + confinement.labName() + "' has "
                        + slotsUsed + " pending events, the most one scheduler holds");
            }
            grow();
        }
        return slotsUsed++;
    }

    private void freeSlot(int slot) {
        slotEvents[slot] = null;
        freeSlots[freeCount++] = slot;
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

    /**
     * The leaves holding an entry, for tests: the pending events, plus the firing event while its entry is held.
     * O(capacity).
     */
    int entriesInTree() {
        int n = 0;
        for (int s = 0; s < capacity; s++) {
            if (tree[2 * (capacity + s) + 1] != PAD) {
                n++;
            }
        }
        return n;
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
        dropHeldRoot(); // (only while an event fires, and then the step below is refused unless nothing is pending)
        if (live == 0) {
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
        while (live > 0 && tree[2] <= target) {
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
            if (live == 0 || tree[2] > target) {
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
        dropHeldRoot();
        return live == 0 ? Optional.empty() : Optional.of(SimClock.toInstant(tree[2]));
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

    /** Fires the root's event; the caller has checked that an event is pending and that none is firing. */
    private void fireNext() {
        long due = tree[2];
        if (due > clock.nanos()) {
            clock.advanceTo(due);
            eventsAtCurrentInstant = 0;
        }
        if (eventsAtCurrentInstant >= maxEventsPerInstant) {
            throw runaway();
        }
        eventsAtCurrentInstant++;
        int slot = (int) (tree[3] & SLOT_MASK);
        Event event = slotEvents[slot];
        // The event leaves the queue but keeps its slot, and its entry the root, while it fires: most events
        // schedule themselves again from fire(), and then take both back (see heldRoot).
        leaveQueue(event);
        heldRoot = true;
        firingSlot = slot;
        lastFired = event;
        firing = true;
        try {
            event.fire();
        } finally {
            firing = false;
            if (event.queuedIn != this) {
                firedWithoutRescheduling(event, slot);
            }
        }
    }

    /**
     * After {@code event} fired without being pending here again: drops its entry if still held and frees
     * {@code slot} unless a cancel freed it already.
     */
    private void firedWithoutRescheduling(Event event, int slot) {
        dropHeldRoot();
        if (slotEvents[slot] == event) {
            freeSlot(slot);
            if (event.queuedIn == null) {
                event.slot = -1; // (else it holds a slot of the scheduler it is pending in now)
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
                + ", next event: " + slotEvents[(int) (tree[3] & SLOT_MASK)].origin().getClass().getName());
    }

    // ---------------------------------------------------------------- the tournament tree

    /** Removes the entry of the firing event from the tree, if it is still held there. */
    private void dropHeldRoot() {
        if (heldRoot) {
            heldRoot = false;
            clear(firingSlot);
        }
    }

    private void clear(int slot) {
        set(slot, PAD, PAD);
    }

    /**
     * Writes the entry (time, low) into the leaf of {@code slot} and replays the matches up to the root: at each
     * level the earlier of the entry coming up and the sibling's goes on. The sibling's place does not depend on
     * the outcome, so its loads start early, and the winner is picked with a mask rather than a branch, which
     * data-random outcomes would mispredict half the time; ties, and time differences that overflow a long,
     * take the exact comparison.
     */
    private void set(int slot, long time, long low) {
        long[] tree = this.tree;
        int p = capacity + slot;
        tree[2 * p] = time;
        tree[2 * p + 1] = low;
        while (p > 1) {
            int sibling = p ^ 1;
            long siblingTime = tree[2 * sibling];
            long siblingLow = tree[2 * sibling + 1];
            long d = siblingTime - time;
            long siblingWins;
            if (d != 0 && ((siblingTime ^ time) & (siblingTime ^ d)) >= 0) {
                siblingWins = d >> 63; // all ones when siblingTime < time
            } else {
                siblingWins = siblingTime < time || (siblingTime == time && siblingLow < low) ? -1L : 0L;
            }
            time += d & siblingWins; // (time + d wraps back to siblingTime exactly)
            low += (siblingLow - low) & siblingWins;
            p >>>= 1;
            tree[2 * p] = time;
            tree[2 * p + 1] = low;
        }
    }

    /** Doubles the slot table and the tree; the leaves keep their entries. */
    private void grow() {
        int old = capacity;
        capacity = 2 * old;
        slotEvents = Arrays.copyOf(slotEvents, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
        long[] grown = padded(new long[4 * capacity]);
        System.arraycopy(tree, 2 * old, grown, 2 * capacity, 2 * old);
        tree = grown;
        rebuild();
    }

    /** Recomputes every inner node from its children, bottom-up, O(capacity). */
    private void rebuild() {
        long[] tree = this.tree;
        for (int p = capacity - 1; p >= 1; p--) {
            int a = 2 * p;
            int b = a + 1;
            long aTime = tree[2 * a];
            long bTime = tree[2 * b];
            boolean bWins = bTime < aTime || (bTime == aTime && tree[2 * b + 1] < tree[2 * a + 1]);
            int winner = bWins ? b : a;
            tree[2 * p] = tree[2 * winner];
            tree[2 * p + 1] = tree[2 * winner + 1];
        }
    }

    private static long[] padded(long[] tree) {
        Arrays.fill(tree, PAD);
        return tree;
    }

    /**
     * Gives the pending entries the sequences 0, 1, ... in firing order, once 2^39 sequences are used up: they
     * leave the tree in order and go back with their new sequences.
     */
    private void renumber() {
        dropHeldRoot();
        int n = live;
        long[] times = new long[n];
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            times[i] = tree[2];
            slots[i] = (int) (tree[3] & SLOT_MASK);
            clear(slots[i]);
        }
        for (int i = 0; i < n; i++) {
            set(slots[i], times[i], (long) i << SLOT_BITS | slots[i]);
        }
        nextSequence = n;
    }

    @Override
    public String toString() {
        return "Scheduler[lab=" + confinement.labName() + ", now=" + clock.instant() + ", pending=" + live
                + ", keepAlive=" + keepAliveCount + "]";
    }
}
