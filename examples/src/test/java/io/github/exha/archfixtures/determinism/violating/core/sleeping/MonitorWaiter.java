package io.github.exha.archfixtures.determinism.violating.core.sleeping;

/** Violation: blocks the thread outside the kernel. */
public class MonitorWaiter {
    private final Object lock = new Object();

    public void await() throws InterruptedException {
        synchronized (lock) {
            lock.wait(100);
        }
    }
}
