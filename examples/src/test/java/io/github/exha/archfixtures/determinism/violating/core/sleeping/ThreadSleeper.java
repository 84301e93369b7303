package io.github.exha.archfixtures.determinism.violating.core.sleeping;

/** Violation: blocks the thread outside the kernel. */
public class ThreadSleeper {
    public void pause() throws InterruptedException {
        Thread.sleep(10);
    }
}
