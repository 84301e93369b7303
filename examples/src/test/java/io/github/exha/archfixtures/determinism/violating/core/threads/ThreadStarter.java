package io.github.exha.archfixtures.determinism.violating.core.threads;

/** Violation: leaves the lab's thread outside the kernel. */
public class ThreadStarter {
    public void start(Thread thread) {
        thread.start();
    }
}
