package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Builds a small randomized world (components drawing delays from named streams, a periodic monitor, a fault
 * point, operations) and checks that its journal digest depends on the seed and nothing else.
 */
class DeterminismTest {
    private static final Instant START = Instant.parse("2008-03-01T00:00:00Z");
    private static final long DEFAULT_SEED = 0xE2007L;

    /** A component that does some work after a random delay, then schedules more, journaling as it goes. */
    private static final class Worker extends Event {
        private final Kernel kernel;
        private final String name;
        private final RandomGenerator random;
        private final FaultPoint crash;
        private int remaining;

        Worker(Kernel kernel, String name, int jobs) {
            this.kernel = kernel;
            this.name = name;
            this.random = kernel.streams().stream("worker:" + name);
            this.crash = kernel.faultPoints().register("worker.crash", "a worker crashes and restarts");
            this.remaining = jobs;
        }

        void start() {
            kernel.scheduler().schedule(this, nextDelay());
        }

        private long nextDelay() {
            // Exponential delays, mean 200 ms, in whole microseconds so ties between workers are rare but possible.
            return (long) (-StrictMath.log(1 - random.nextDouble()) * 200_000) * 1_000;
        }

        @Override
        protected void fire() {
            if (crash.fires(name)) {
                kernel.journal().append(JournalEntry.Type.EVENT_LOG, name, "Service Control Manager",
                        Map.of(JournalEntry.EVENT_ID, "7031"));
            } else {
                remaining--;
                kernel.journal().append(JournalEntry.Type.STATE_CHANGE, name, "job.done",
                        Map.of("remaining", Integer.toString(remaining), "size", Integer.toString(random.nextInt(1_000))));
            }
            if (remaining > 0) {
                kernel.scheduler().schedule(this, nextDelay());
            }
        }
    }

    private static String runWorld(long seed) {
        Kernel kernel = Kernel.create("determinism", seed, START);
        kernel.faultPoints().register("worker.crash", "a worker crashes and restarts");
        kernel.faultPoints().arm(new FaultRule("worker.crash", 0.05, 5));
        for (String name : new String[] {"NODE1", "NODE2", "NODE3"}) {
            new Worker(kernel, name, 40).start();
        }
        RandomGenerator jitter = kernel.streams().stream("heartbeat");
        kernel.scheduler().scheduleEvery(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> kernel.journal()
                .append(JournalEntry.Type.NOTE, "cluster", "heartbeat", Map.of("rtt", Integer.toString(jitter.nextInt(5)))));
        Operation<Integer> batch = kernel.operations().completeAfter(
                Duration.ofMillis(kernel.streams().stream("batch").nextInt(10_000)), "batch", () -> kernel.journal().size());
        kernel.operations().await(batch);
        kernel.journal().append(JournalEntry.Type.COMMAND, "runbook", "batch.done", Map.of("entries", batch.result().toString()));
        kernel.scheduler().runUntilIdle();
        assertThat(kernel.journal().size()).isGreaterThan(120);
        return kernel.journal().digest();
    }

    @Test
    void theSameSeedGivesTheSameJournalDigest() {
        long seed = Long.getLong("exha.test.seed", DEFAULT_SEED);
        System.out.println("seed=" + seed);
        assertThat(runWorld(seed)).as("seed=" + seed).isEqualTo(runWorld(seed));
    }

    @Test
    void aDifferentSeedGivesADifferentJournalDigest() {
        long seed = Long.getLong("exha.test.seed", DEFAULT_SEED);
        System.out.println("seed=" + seed);
        assertThat(runWorld(seed)).as("seed=" + seed).isNotEqualTo(runWorld(seed + 1));
    }
}
