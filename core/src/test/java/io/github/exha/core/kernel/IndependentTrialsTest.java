package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IndependentTrialsTest {
    private static List<Long> draws(long seed, int threads) {
        return IndependentTrials.run(seed, "test", 200, threads, (index, random) -> random.nextLong() ^ index, () -> { });
    }

    @Test
    void resultsComeBackInTrialOrderAndDoNotDependOnTheThreadCount() {
        List<Long> one = draws(42, 1);
        assertThat(draws(42, 2)).isEqualTo(one);
        assertThat(draws(42, 7)).isEqualTo(one);
        assertThat(draws(43, 2)).isNotEqualTo(one);
        assertThat(one).doesNotHaveDuplicates();
    }

    @Test
    void trialIDrawsFromTheSeedDerivedFromTheMasterSeedAndI() {
        List<Long> first = IndependentTrials.run(42, "test", 3, 1, (index, random) -> random.nextLong(), () -> { });
        // Adding trials never changes the draws of the ones before: each trial's stream depends on its index only.
        assertThat(IndependentTrials.run(42, "test", 10, 3, (index, random) -> random.nextLong(), () -> { }).subList(0, 3))
                .isEqualTo(first);
        assertThat(IndependentTrials.trialSeed(42, "test", 0)).isEqualTo(RandomStreams.deriveSeed(42, "test:0"));
    }

    @Test
    void everyTrialIsCountedOnce() {
        AtomicInteger done = new AtomicInteger();
        IndependentTrials.run(1, "test", 1000, 4, (index, random) -> index, done::incrementAndGet);
        assertThat(done).hasValue(1000);
    }

    @Test
    void aFailingTrialFailsTheRunWithItsOwnException() {
        assertThatThrownBy(() -> IndependentTrials.run(1, "test", 50, 2, (index, random) -> {
            if (index == 17) {
                throw new IllegalStateException("trial 17");
            }
            return index;
        }, () -> { })).isInstanceOf(IllegalStateException.class).hasMessage("trial 17");
    }

    @Test
    void countsAndThreadCountsBelowOneAreRefused() {
        assertThatThrownBy(() -> IndependentTrials.run(1, "test", 0, 1, (i, r) -> i, () -> { }))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> IndependentTrials.run(1, "test", 5, 0, (i, r) -> i, () -> { }))
                .isInstanceOf(ExhaException.class);
    }
}
