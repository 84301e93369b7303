package io.github.exha.archfixtures.determinism.violating.core.threads;

import java.util.concurrent.Executors;

/** Violation: leaves the lab's thread outside the kernel. */
public class ExecutorsUser {
    public void run(Runnable task) {
        Executors.newSingleThreadExecutor().execute(task);
    }
}
