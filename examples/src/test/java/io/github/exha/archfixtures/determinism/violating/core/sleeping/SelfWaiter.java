package io.github.exha.archfixtures.determinism.violating.core.sleeping;

/** Violation: blocks the thread outside the kernel. */
public class SelfWaiter {
    public synchronized void await() throws InterruptedException {
        wait();
    }
}
