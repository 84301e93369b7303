package io.github.exha.archfixtures.determinism.violating.core.threads;

import java.util.concurrent.CompletableFuture;

/** Violation: leaves the lab's thread outside the kernel. */
public class AsyncCompletableFuture {
    public CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task);
    }
}
