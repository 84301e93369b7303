package io.github.exha.benchmarks;

import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Timer;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageEventListener;
import io.github.exha.storage.spi.StorageScheduler;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/** A storage context on a core kernel: the plugin's time and scheduling are the lab's. */
final class KernelStorageContext implements StorageContext {
    private final Kernel kernel;
    private final RandomGenerator random;

    KernelStorageContext(Kernel kernel, String arrayName) {
        this.kernel = kernel;
        this.random = kernel.streams().stream("storage:" + arrayName);
    }

    @Override
    public InstantSource clock() {
        return kernel.clock();
    }

    @Override
    public StorageScheduler scheduler() {
        return (delay, action) -> {
            Timer timer = kernel.scheduler().schedule(delay, action);
            return timer::cancel;
        };
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public StorageEventListener events() {
        return event -> { };
    }

    /** Runs the lab until nothing is pending (every shipped write applied and acknowledged). */
    void drain() {
        kernel.scheduler().runUntilIdle();
    }
}
