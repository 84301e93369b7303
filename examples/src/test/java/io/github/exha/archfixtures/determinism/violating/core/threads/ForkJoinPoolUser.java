package io.github.exha.archfixtures.determinism.violating.core.threads;

import java.util.concurrent.ForkJoinPool;

/** Violation: leaves the lab's thread outside the kernel. */
public class ForkJoinPoolUser {
    public void run(Runnable task) {
        ForkJoinPool.commonPool().execute(task);
    }
}
