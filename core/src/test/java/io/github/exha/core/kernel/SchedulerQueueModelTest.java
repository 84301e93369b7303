package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Compares the scheduler's queue with a sorted set as a reference model over random schedule, move,
 * cancel and step operations, made from the test and from inside firing events (an event re-scheduling itself,
 * moving or cancelling others, cancelling itself, asking what is pending). Rounds vary the pending-set size
 * (one to thousands of events, so the slot table and the tree grow), the spread of times (narrow spreads make ties
 * frequent), start some rounds near the end of the sequence space (the live entries are renumbered mid-round) and
 * some near the ends of the time range (time differences overflow a {@code long}). Replay a failure with
 * {@code -Dexha.test.seed=<seed>}.
 */
class SchedulerQueueModelTest {
    private static final long DEFAULT_SEED = 0x5EED_2008_0301L;

    /** A model entry: what the reference queue believes about one pending event. */
    private record Entry(long time, long sequence, int id) {
    }

    @Test
    void queueAgreesWithASortedSetOverRandomOperationsFromTheTestAndFromFiringEvents() {
        long seed = Long.getLong("exha.test.seed", DEFAULT_SEED);
        System.out.println("seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 24; round++) {
            new Round(random.split(), "seed=" + seed + " round=" + round, round).run();
        }
    }

    /** One round: a scheduler, its probes and the model, driven from the test and from inside {@link Probe#fire()}. */
    private static final class Round {
        private final SplittableRandom random;
        private final String where;
        private final SimClock clock;
        private final Scheduler scheduler;
        private final Probe[] probes;
        private final Entry[] modelEntries;
        private final TreeSet<Entry> model = new TreeSet<>(
                Comparator.comparingLong(Entry::time).thenComparingLong(Entry::sequence));
        private final List<Integer> fired = new ArrayList<>();
        private final long timeRange;
        private final int operations;
        private long sequence;
        private int op;
        private int modelKeepAlive;
        private boolean draining;

        Round(SplittableRandom random, String where, int round) {
            this.random = random;
            this.where = where;
            boolean extremeTimes = round % 5 == 4;
            // Extreme rounds start in 1677 and schedule up to 2^62 ns ahead, so (time, sequence) comparisons meet
            // differences beyond the long range; the others use a narrow spread, where ties are frequent.
            clock = new SimClock(extremeTimes ? SimClock.toInstant(Long.MIN_VALUE + 2_000_000_000L) : Instant.EPOCH);
            timeRange = extremeTimes ? 1L << 62 : 1 + random.nextInt(round % 3 == 0 ? 2_000 : 50);
            scheduler = new Scheduler(clock, new ThreadConfinement("model"));
            if (round % 2 == 1) {
                scheduler.setNextSequence(Scheduler.MAX_SEQUENCE - random.nextInt(500));
            }
            int probeCount = round % 4 == 2 ? 1_000 + random.nextInt(3_000) : 1 + random.nextInt(450);
            probes = new Probe[probeCount];
            modelEntries = new Entry[probeCount];
            for (int i = 0; i < probeCount; i++) {
                probes[i] = new Probe(i, random.nextInt(3) == 0 ? Liveness.DAEMON : Liveness.KEEPS_ALIVE);
            }
            operations = 2_000 + random.nextInt(3_000) + 4 * probeCount;
        }

        void run() {
            // Fill to a random share of the probes first, so big rounds run big.
            int fill = random.nextInt(probes.length + 1);
            for (int id = 0; id < fill; id++) {
                schedule(id);
            }
            for (op = 0; op < operations; op++) {
                int choice = random.nextInt(10);
                int id = random.nextInt(probes.length);
                if (choice < 4) {
                    schedule(id);
                } else if (choice < 6) {
                    cancel(id);
                } else {
                    step();
                }
                checkCounts("", true);
                assertThat(scheduler.entriesInTree()).as(where + " op=" + op + " entries in the tree")
                        .isEqualTo(model.size());
            }
            // Drain: the remaining order must match exactly (events still act when they fire, so this may take a
            // while; re-scheduling from fire() becomes rarer as the drain goes on).
            draining = true;
            int drained = 0;
            while (!model.isEmpty()) {
                step();
                drained++;
            }
            assertThat(scheduler.step()).as(where + " empty").isFalse();
            assertThat(scheduler.entriesInTree()).as(where + " no entries left").isZero();
        }

        private long delay() {
            long delay = timeRange == 1 ? 0 : random.nextLong(timeRange);
            long now = clock.nanos();
            return now < 0 ? delay : Math.min(delay, Long.MAX_VALUE - now);
        }

        private void schedule(int id) {
            long delay = delay();
            modelRemove(id);
            Entry entry = new Entry(clock.nanos() + delay, sequence++, id);
            modelEntries[id] = entry;
            model.add(entry);
            if (probes[id].liveness() == Liveness.KEEPS_ALIVE) {
                modelKeepAlive++;
            }
            scheduler.schedule(probes[id], delay);
        }

        private void cancel(int id) {
            boolean expected = modelEntries[id] != null;
            modelRemove(id);
            assertThat(scheduler.cancel(probes[id])).as(where + " op=" + op + " cancel " + id).isEqualTo(expected);
        }

        private void modelRemove(int id) {
            Entry entry = modelEntries[id];
            if (entry != null) {
                model.remove(entry);
                modelEntries[id] = null;
                if (probes[id].liveness() == Liveness.KEEPS_ALIVE) {
                    modelKeepAlive--;
                }
            }
        }

        private void step() {
            Entry expected = model.isEmpty() ? null : model.first();
            if (expected != null) {
                modelRemove(expected.id());
            }
            fired.clear();
            assertThat(scheduler.step()).as(where + " op=" + op + " step").isEqualTo(expected != null);
            if (expected != null) {
                assertThat(fired).as(where + " op=" + op + " fired").containsExactly(expected.id());
                assertThat(clock.nanos()).as(where + " op=" + op + " time").isEqualTo(expected.time());
            }
        }

        /** What the firing probe {@code id} does; the model has already taken its entry off. */
        private void onFire(int id) {
            fired.add(id);
            // Asking for the next event (or stepping) drops the firing event's held entry; half the firings ask
            // only after acting, so that re-scheduling itself first takes the held entry's fast path.
            checkCounts(" firing " + id, random.nextBoolean());
            assertThat(scheduler.isScheduled(probes[id])).as(where + " op=" + op + " firing is not pending").isFalse();
            // While draining, events act rarely, so the drain ends.
            int actions = draining ? (random.nextInt(8) == 0 ? 1 : 0) : random.nextInt(4);
            for (int a = 0; a < actions; a++) {
                int choice = random.nextInt(10);
                int other = random.nextInt(probes.length);
                if (choice < 4) {
                    schedule(id);
                } else if (choice < 6) {
                    schedule(other);
                } else if (choice < 7) {
                    cancel(other);
                } else if (choice < 8) {
                    cancel(id);
                } else if (choice < 9) {
                    if (model.isEmpty()) {
                        assertThat(scheduler.step()).as(where + " op=" + op + " step inside fire, empty").isFalse();
                    } else {
                        assertThatThrownBy(scheduler::step).as(where + " op=" + op + " step inside fire")
                                .isInstanceOfSatisfying(ExhaException.class,
                                        e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_STATE));
                    }
                } else {
                    checkCounts(" firing " + id + " action " + a, true);
                }
            }
            checkCounts(" firing " + id + " done", random.nextBoolean());
        }

        private void checkCounts(String context, boolean next) {
            String at = where + " op=" + op + context;
            assertThat(scheduler.pendingCount()).as(at + " pending").isEqualTo(model.size());
            assertThat(scheduler.keepAliveCount()).as(at + " keep-alive").isEqualTo(modelKeepAlive);
            assertThat(scheduler.isIdle()).as(at + " idle").isEqualTo(modelKeepAlive == 0);
            if (next) {
                Optional<Long> head = model.isEmpty() ? Optional.empty() : Optional.of(model.first().time());
                assertThat(scheduler.nextEventTime().map(SimClock::toEpochNanos)).as(at + " next").isEqualTo(head);
            }
            for (int probe = 0; probe < Math.min(probes.length, 8); probe++) {
                int id = random.nextInt(probes.length);
                assertThat(scheduler.isScheduled(probes[id])).as(at + " scheduled " + id)
                        .isEqualTo(modelEntries[id] != null);
            }
        }

        private final class Probe extends Event {
            private final int id;

            Probe(int id, Liveness liveness) {
                super(liveness);
                this.id = id;
            }

            @Override
            protected void fire() {
                onFire(id);
            }
        }
    }
}
