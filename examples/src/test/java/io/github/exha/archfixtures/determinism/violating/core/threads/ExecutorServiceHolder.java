package io.github.exha.archfixtures.determinism.violating.core.threads;

import java.util.concurrent.ExecutorService;

/** Violation: leaves the lab's thread outside the kernel. */
public class ExecutorServiceHolder {
    private final ExecutorService executor;

    public ExecutorServiceHolder(ExecutorService executor) {
        this.executor = executor;
    }

    public void run(Runnable task) {
        executor.execute(task);
    }
}
