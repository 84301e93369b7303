package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Runs many independent Monte Carlo trials on several threads so that the results never depend on the thread count:
 * trial {@code i} draws only from its own generator, seeded from the master seed and {@code i} exactly as {@link
 * RandomStreams} seeds a named stream (the name is {@code <name>:<i>}), and the results come back in trial order, so
 * any reduction over them is the same with one thread or sixteen.
 *
 * <p>This is the one place besides a lab's own thread where exha runs code on threads, and it lives in the kernel
 * because the kernel alone may: trials share nothing mutable, are pure functions of (seed, index) and are not labs
 * (a trial that builds a lab builds it on its worker thread, which then confines it). Instances hold no state; the
 * class is a namespace for {@link #run}.
 */
public final class IndependentTrials {
    // Immutable and thread-safe: one factory for every trial's generator.
    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of(RandomStreams.ALGORITHM);

    private IndependentTrials() {
    }

    /**
     * One trial: a pure function of its index and its generator.
     *
     * @param <R> the trial's result
     */
    @FunctionalInterface
    public interface Trial<R> {
        /** Runs trial {@code index}, drawing only from {@code random}. */
        R run(int index, RandomGenerator random);
    }

    /**
     * The seed of trial {@code index} of the trials called {@code name} under {@code masterSeed}.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for a blank name
     */
    public static long trialSeed(long masterSeed, String name, int index) {
        return RandomStreams.deriveSeed(masterSeed, name + ":" + index);
    }

    /**
     * Runs {@code count} trials on {@code threads} threads (the calling thread runs them itself when it is 1) and
     * returns their results in trial order.
     *
     * @param masterSeed the seed every trial's generator derives from
     * @param name the trials' name, part of each trial's seed (different names give independent draws)
     * @param count how many trials, at least 1
     * @param threads how many threads, at least 1 (more than {@code count} are not started)
     * @param trial the trial; called concurrently, so it must not share mutable state between calls
     * @param onTrialDone called after each trial, from the thread that ran it (so it must be thread-safe), e.g. to
     *     advance a progress bar
     * @throws ExhaException {@code INVALID_ARGUMENT} for a count or thread count below 1; whatever a trial threw (the
     *     first in trial order among those that failed is rethrown as is when it is unchecked)
     */
    public static <R> List<R> run(long masterSeed, String name, int count, int threads, Trial<R> trial,
            Runnable onTrialDone) {
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(onTrialDone, "onTrialDone");
        if (name == null || name.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "trials need a name");
        }
        if (count < 1) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the number of trials must be at least 1, not " + count);
        }
        if (threads < 1) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the number of threads must be at least 1, not " + threads);
        }
        Object[] results = new Object[count];
        RuntimeException[] failures = new RuntimeException[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Error> fatal = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count && fatal.get() == null; i = next.getAndIncrement()) {
                try {
                    results[i] = trial.run(i, FACTORY.create(trialSeed(masterSeed, name, i)));
                } catch (RuntimeException e) {
                    failures[i] = e;
                } catch (Error e) {
                    fatal.compareAndSet(null, e);
                }
                onTrialDone.run();
            }
        };
        int started = Math.min(threads, count);
        if (started == 1) {
            worker.run();
        } else {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < started; t++) {
                Thread thread = new Thread(worker, "exha-trials-" + name + "-" + t);
                thread.setDaemon(true);
                workers.add(thread);
                thread.start();
            }
            // Thread.join happens-before: every result written by a worker is visible here afterwards.
            for (Thread thread : workers) {
                joinUninterruptibly(thread);
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        @SuppressWarnings("unchecked")
        List<R> ordered = (List<R>) Arrays.asList(results);
        return List.copyOf(ordered);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                // The trials finish quickly and hold no resources; wait for them, then restore the flag.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
