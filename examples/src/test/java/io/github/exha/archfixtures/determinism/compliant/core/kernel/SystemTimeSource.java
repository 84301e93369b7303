package io.github.exha.archfixtures.determinism.compliant.core.kernel;

import java.time.Instant;
import java.util.SplittableRandom;

/** The kernel may touch the JDK's clocks, entropy and threads (e.g. to benchmark or seed). */
public final class SystemTimeSource {
    private final SplittableRandom master = new SplittableRandom(42);

    public long nanoTime() {
        return System.nanoTime();
    }

    public Instant wallClock() {
        return Instant.now();
    }

    public SplittableRandom stream() {
        return master.split();
    }

    public void pause() throws InterruptedException {
        Thread.sleep(1);
    }

    public Thread watchdog(Runnable task) {
        return new Thread(task);
    }
}
