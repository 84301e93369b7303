package io.github.exha.benchmarks;

import io.github.exha.core.kernel.Event;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Scheduler;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.BinaryTree;
import umontreal.ssj.simevents.eventlist.DoublyLinked;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.RedblackTree;
import umontreal.ssj.simevents.eventlist.SplayTree;

/**
 * The classic hold model, shared by the hold-model benchmarks: {@code size} events are pending; each hold removes
 * the earliest, advances time to it and schedules one new event an exponential(1 s) increment later, so the
 * pending-set size stays constant. Every contestant reads the same precomputed, cycled variates (so random number
 * generation is not measured) and reuses its event objects where its API allows it.
 */
abstract class HoldModel {
    /** Holds per JMH invocation (the benchmarks report events per second). */
    static final int HOLDS_PER_INVOCATION = 1_000;

    private static final int VARIATES = 1 << 16;
    private static final long[] DELAY_NANOS = new long[VARIATES];
    private static final double[] DELAY_SECONDS = new double[VARIATES];

    static {
        SplittableRandom random = new SplittableRandom(20081001L);
        for (int i = 0; i < VARIATES; i++) {
            // Exponential(1) in seconds, rounded to whole nanoseconds so both time representations see one sequence.
            long nanos = Math.round(-Math.log(1.0 - random.nextDouble()) * 1e9);
            DELAY_NANOS[i] = nanos;
            DELAY_SECONDS[i] = nanos / 1e9;
        }
    }

    private int cursor;

    final long nextDelayNanos() {
        int i = cursor;
        cursor = (i + 1) & (VARIATES - 1);
        return DELAY_NANOS[i];
    }

    final double nextDelaySeconds() {
        int i = cursor;
        cursor = (i + 1) & (VARIATES - 1);
        return DELAY_SECONDS[i];
    }

    /** Fills the pending set with {@code size} events. */
    abstract void prefill(int size);

    /** One hold; returns the time reached, for the blackhole. */
    abstract double hold();

    /** The contestant for a benchmark parameter value. */
    static HoldModel of(String contestant) {
        return switch (contestant) {
            case "KERNEL" -> new KernelHold();
            case "PRIORITY_QUEUE" -> new PriorityQueueHold();
            case "SSJ_HENRIKSEN" -> new SsjHold(new Henriksen());
            case "SSJ_SPLAY_TREE" -> new SsjHold(new SplayTree());
            case "SSJ_BINARY_TREE" -> new SsjHold(new BinaryTree());
            case "SSJ_RED_BLACK_TREE" -> new SsjHold(new RedblackTree());
            case "SSJ_DOUBLY_LINKED" -> new SsjHold(new DoublyLinked());
            default -> throw new IllegalArgumentException("unknown contestant " + contestant);
        };
    }

    /** exha's kernel through its public API: a reusable {@link Event} that re-schedules itself when it fires. */
    static final class KernelHold extends HoldModel {
        private final Kernel kernel = Kernel.create("hold", 1, Instant.parse("2008-03-01T00:00:00Z"));
        private final Scheduler scheduler = kernel.scheduler();

        @Override
        void prefill(int size) {
            for (int i = 0; i < size; i++) {
                scheduler.schedule(new HoldEvent(), nextDelayNanos());
            }
        }

        @Override
        double hold() {
            scheduler.step();
            return kernel.clock().nanos();
        }

        private final class HoldEvent extends Event {
            @Override
            protected void fire() {
                scheduler.schedule(this, nextDelayNanos());
            }
        }
    }

    /**
     * The bare baseline: a {@link PriorityQueue} of immutable event records ordered by (time, sequence), one new
     * record per hold, as a hand-written simulation loop would do it.
     */
    static final class PriorityQueueHold extends HoldModel {
        private final PriorityQueue<Pending> queue = new PriorityQueue<>();
        private long sequence;

        @Override
        void prefill(int size) {
            for (int i = 0; i < size; i++) {
                queue.add(new Pending(nextDelayNanos(), sequence++));
            }
        }

        @Override
        double hold() {
            Pending first = queue.poll();
            long now = first.time();
            queue.add(new Pending(now + nextDelayNanos(), sequence++));
            return now;
        }

        private record Pending(long time, long sequence) implements Comparable<Pending> {
            @Override
            public int compareTo(Pending other) {
                int byTime = Long.compare(time, other.time);
                return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
            }
        }
    }

    /** SSJ 3.3 with the given event list, driven as its own {@code Simulator.start()} loop drives it. */
    static final class SsjHold extends HoldModel {
        private final Stepper simulator;

        SsjHold(EventList list) {
            simulator = new Stepper(list);
            simulator.init();
        }

        @Override
        void prefill(int size) {
            for (int i = 0; i < size; i++) {
                new HoldEvent(simulator).schedule(nextDelaySeconds());
            }
        }

        @Override
        double hold() {
            simulator.step();
            return simulator.time();
        }

        /** Exposes one iteration of {@code Simulator.start()}'s loop. */
        private static final class Stepper extends Simulator {
            Stepper(EventList list) {
                super(list);
            }

            void step() {
                removeFirstEvent().actions();
            }
        }

        private final class HoldEvent extends umontreal.ssj.simevents.Event {
            HoldEvent(Simulator simulator) {
                super(simulator);
            }

            @Override
            public void actions() {
                schedule(nextDelaySeconds());
            }
        }
    }
}
