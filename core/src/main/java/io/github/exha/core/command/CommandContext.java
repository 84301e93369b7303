package io.github.exha.core.command;

import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.SimClock;
import java.time.Duration;
import java.util.Optional;

/** What a running command can see and do besides its injected world: output, confirmation, host, time. */
public interface CommandContext {
    /** The virtual clock. */
    SimClock clock();

    /** The lab's journal, for the command's own events. */
    Journal journal();

    /** The host chosen with {@code Enter-PSSession}, if any. */
    Optional<String> host();

    /**
     * The session host, for commands that run on a host.
     *
     * @throws io.github.exha.core.error.ExhaException {@code core.no-host-session} when no session is open
     */
    String requireHost();

    /** The object this invocation received through the pipeline, if any. */
    Optional<Object> pipelineInput();

    /** Emits an output object (a {@link PsObject} or text). */
    void write(Object output);

    /** Emits {@code WARNING: message}, as cmdlets' WriteWarning does, and journals it. */
    void warn(String message);

    /**
     * PowerShell's ShouldProcess: false under {@code -WhatIf} (after writing "What if: ..."); otherwise asks for
     * confirmation when {@code -Confirm} is set or the command's impact is High, which a runbook answers by its
     * confirmation policy (never interactively), and returns the answer.
     *
     * @param target what is changed ({@code CCREX01\First Storage Group\Mailbox Database})
     * @param action the operation's name ({@code Dismount-Database})
     */
    boolean shouldProcess(String target, String action);

    /**
     * PowerShell's {@code ShouldProcess(verboseDescription, verboseWarning, caption)} as Exchange's cmdlets call it:
     * like {@link #shouldProcess(String, String)}, but {@code -WhatIf} writes "What if: " followed by
     * {@code description}, and the prompt reads {@code Confirm} / {@code Are you sure you want to perform this
     * action?} / {@code description}, so a runbook shows the cmdlet's own sentence (Move-ClusteredMailboxServer's
     * {@code Moving clustered mailbox server "exchcms" to target node "exchmailbox2" with move comment "Testing".}).
     *
     * <p>The default falls back to the two-argument form and its generic sentence, so a context written before this
     * overload keeps working; the runbook session overrides it.
     *
     * @param target what is changed, journaled with the answer
     * @param action the operation's name ({@code Move-ClusteredMailboxServer}), journaled with the answer
     * @param description the cmdlet's sentence for the change, a complete sentence with its full stop
     */
    default boolean shouldProcess(String target, String action, String description) {
        return shouldProcess(target, action);
    }

    /** Runs virtual time until the operation completes and returns its result (or throws its failure). */
    <T> T await(Operation<T> operation);

    /** Advances virtual time by {@code duration}, running every event due meanwhile. */
    void sleep(Duration duration);

    /** Opens a session on a host (for {@code Enter-PSSession}). */
    void enterSession(String computerName);

    /** Closes the session, if one is open (for {@code Exit-PSSession}). */
    void exitSession();
}
