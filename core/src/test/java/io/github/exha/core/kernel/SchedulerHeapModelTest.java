package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Compares the scheduler's heap with {@link PriorityQueue} as a reference model over random schedule, move,
 * cancel and step operations; odd rounds start near the end of the sequence space, so the live entries are
 * renumbered mid-round. Replay a failure with {@code -Dexha.test.seed=<seed>}.
 */
class SchedulerHeapModelTest {
    private static final long DEFAULT_SEED = 0x5EED_2008_0301L;

    /** A model entry: what the reference queue believes about one pending event. */
    private record Entry(long time, long sequence, int id) {
    }

    private static final class Probe extends Event {
        final int id;
        final List<Integer> fired;

        Probe(int id, Liveness liveness, List<Integer> fired) {
            super(liveness);
            this.id = id;
            this.fired = fired;
        }

        @Override
        protected void fire() {
            fired.add(id);
        }
    }

    @Test
    void heapAgreesWithPriorityQueueOverRandomScheduleCancelAndStepOperations() {
        long seed = Long.getLong("exha.test.seed", DEFAULT_SEED);
        System.out.println("seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 20; round++) {
            runRound(random.split(), seed, round);
        }
    }

    private static void runRound(SplittableRandom random, long seed, int round) {
        String where = "seed=" + seed + " round=" + round;
        SimClock clock = new SimClock(Instant.EPOCH);
        Scheduler scheduler = new Scheduler(clock, new ThreadConfinement("model"));
        if (round % 2 == 1) {
            scheduler.setNextSequence(Scheduler.MAX_SEQUENCE - random.nextInt(500));
        }
        List<Integer> fired = new ArrayList<>();
        int probeCount = 50 + random.nextInt(400);
        Probe[] probes = new Probe[probeCount];
        Entry[] modelEntries = new Entry[probeCount];
        for (int i = 0; i < probeCount; i++) {
            probes[i] = new Probe(i, random.nextInt(3) == 0 ? Liveness.DAEMON : Liveness.KEEPS_ALIVE, fired);
        }
        PriorityQueue<Entry> model = new PriorityQueue<>(
                Comparator.comparingLong(Entry::time).thenComparingLong(Entry::sequence));
        long sequence = 0;
        int operations = 2_000 + random.nextInt(3_000);
        // A narrow time range makes ties frequent, which is where ordering bugs hide.
        int timeRange = 1 + random.nextInt(50);
        for (int op = 0; op < operations; op++) {
            int choice = random.nextInt(10);
            int id = random.nextInt(probeCount);
            if (choice < 5) {
                long delay = random.nextInt(timeRange);
                if (modelEntries[id] != null) {
                    model.remove(modelEntries[id]);
                }
                Entry entry = new Entry(clock.nanos() + delay, sequence++, id);
                modelEntries[id] = entry;
                model.add(entry);
                scheduler.schedule(probes[id], delay);
            } else if (choice < 7) {
                boolean expected = modelEntries[id] != null;
                if (expected) {
                    model.remove(modelEntries[id]);
                    modelEntries[id] = null;
                }
                assertThat(scheduler.cancel(probes[id])).as(where + " op=" + op + " cancel").isEqualTo(expected);
            } else {
                Entry expected = model.poll();
                fired.clear();
                assertThat(scheduler.step()).as(where + " op=" + op + " step").isEqualTo(expected != null);
                if (expected != null) {
                    modelEntries[expected.id()] = null;
                    assertThat(fired).as(where + " op=" + op + " fired").containsExactly(expected.id());
                    assertThat(clock.nanos()).as(where + " op=" + op + " time").isEqualTo(expected.time());
                }
            }
            assertThat(scheduler.pendingCount()).as(where + " op=" + op + " pending").isEqualTo(model.size());
            assertThat(scheduler.retiredEntries()).as(where + " op=" + op + " retired entries")
                    .isLessThanOrEqualTo(model.size() + 64);
            long keepAlive = model.stream().filter(e -> probes[e.id()].liveness() == Liveness.KEEPS_ALIVE).count();
            assertThat(scheduler.keepAliveCount()).as(where + " op=" + op + " keep-alive").isEqualTo((int) keepAlive);
            Entry head = model.peek();
            assertThat(scheduler.nextEventTime().map(t -> t.getEpochSecond() * 1_000_000_000L + t.getNano()))
                    .as(where + " op=" + op + " next").isEqualTo(java.util.Optional.ofNullable(head).map(Entry::time));
        }
        // Drain: the remaining order must match exactly.
        while (!model.isEmpty()) {
            Entry expected = model.poll();
            fired.clear();
            assertThat(scheduler.step()).isTrue();
            assertThat(fired).as(where + " drain").containsExactly(expected.id());
        }
        assertThat(scheduler.step()).isFalse();
    }
}
