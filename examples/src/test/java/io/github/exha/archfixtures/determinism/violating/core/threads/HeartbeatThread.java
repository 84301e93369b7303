package io.github.exha.archfixtures.determinism.violating.core.threads;

/** Violation: a Thread subclass is a thread, wherever it is constructed. */
public class HeartbeatThread extends Thread {
    @Override
    public void run() {
    }
}
