package io.github.exha.archfixtures.determinism.violating.core.threads;

import java.util.Timer;

/** Violation: leaves the lab's thread outside the kernel. */
public class TimerUser {
    public Timer timer() {
        return new Timer(true);
    }
}
