package io.github.exha.core.run;

import java.util.Objects;

/**
 * How a runbook is run.
 *
 * @param continueOnError run the remaining steps after a failed one instead of skipping them
 * @param confirmPolicy the answer to confirmation prompts
 */
public record RunOptions(boolean continueOnError, ConfirmPolicy confirmPolicy) {
    public RunOptions {
        Objects.requireNonNull(confirmPolicy, "confirmPolicy");
    }

    /** Stop at the first failure; accept confirmations. */
    public static RunOptions defaults() {
        return new RunOptions(false, ConfirmPolicy.ACCEPT);
    }
}
