package io.github.exha.archfixtures.determinism.violating.core.sleeping;

import java.util.concurrent.TimeUnit;

/** Violation: blocks the thread outside the kernel. */
public class TimeUnitSleeper {
    public void pause() throws InterruptedException {
        TimeUnit.SECONDS.sleep(1);
    }
}
