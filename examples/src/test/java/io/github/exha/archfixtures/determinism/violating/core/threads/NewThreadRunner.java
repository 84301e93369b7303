package io.github.exha.archfixtures.determinism.violating.core.threads;

/** Violation: leaves the lab's thread outside the kernel. */
public class NewThreadRunner {
    public Thread runner(Runnable task) {
        return new Thread(task);
    }
}
