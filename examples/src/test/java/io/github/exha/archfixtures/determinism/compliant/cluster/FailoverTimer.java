package io.github.exha.archfixtures.determinism.compliant.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/** Outside the kernel: virtual time, injected streams, the caller's thread, and look-alike names. */
public final class FailoverTimer {
    private final InstantSource clock;
    private final RandomGenerator random;

    public FailoverTimer(InstantSource clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public Instant deadline() {
        return clock.instant().plus(Duration.ofSeconds(random.nextInt(1, 30)));
    }

    public LocalDate virtualToday() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public Clock frozen() {
        return Clock.fixed(clock.instant(), ZoneOffset.UTC);
    }

    public boolean confinedTo(Thread owner) {
        // Lab confinement checks the current thread; that is not starting one.
        return Thread.currentThread() == owner;
    }

    public CompletableFuture<String> completed(String value) {
        return CompletableFuture.completedFuture(value).thenApply(String::trim);
    }

    public long sequentialCount(List<String> nodes) {
        return nodes.stream().filter(String::isEmpty).count();
    }

    public void sleep(Duration virtualDelay) {
        // Start-Sleep: a domain method that advances virtual time, not Thread.sleep.
    }

    public void startSleep() {
        sleep(Duration.ofSeconds(5));
    }
}
