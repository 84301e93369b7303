package io.github.exha.core.run;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.HostDirectory;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.SimClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shell session a runbook runs in: the host chosen with Enter-PSSession, and the context of the command being
 * invoked. One per run.
 */
final class Session implements CommandContext {
    private final Kernel kernel;
    private final HostDirectory hosts;
    private final ConfirmPolicy confirmPolicy;
    private final List<Object> hostLines = new ArrayList<>();
    private String host;
    private CommandDescriptor descriptor;
    private Arguments arguments;
    private Object input;
    private List<Object> output;

    Session(Kernel kernel, HostDirectory hosts, ConfirmPolicy confirmPolicy) {
        this.kernel = kernel;
        this.hosts = hosts;
        this.confirmPolicy = confirmPolicy;
    }

    String currentHost() {
        return host;
    }

    void begin(CommandDescriptor d, Arguments args, Object pipelineInput, List<Object> sink) {
        this.descriptor = d;
        this.arguments = args;
        this.input = pipelineInput;
        this.output = sink;
    }

    void end() {
        this.descriptor = null;
        this.arguments = null;
        this.input = null;
        this.output = null;
    }

    List<Object> takeHostLines() {
        List<Object> lines = List.copyOf(hostLines);
        hostLines.clear();
        return lines;
    }

    @Override
    public SimClock clock() {
        return kernel.clock();
    }

    @Override
    public Journal journal() {
        return kernel.journal();
    }

    @Override
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    @Override
    public String requireHost() {
        if (host == null) {
            throw new ExhaException(CoreErrorCode.NO_HOST_SESSION, (descriptor == null ? "This command" : descriptor.name())
                    + " runs on a server: choose one first with Enter-PSSession -ComputerName <host>.");
        }
        return host;
    }

    @Override
    public Optional<Object> pipelineInput() {
        return Optional.ofNullable(input);
    }

    @Override
    public void write(Object value) {
        output.add(value);
    }

    @Override
    public void warn(String message) {
        hostLines.add("WARNING: " + message);
        kernel.journal().append(JournalEntry.Type.NOTE, source(), "warning", Map.of("message", message));
    }

    @Override
    public boolean shouldProcess(String target, String action) {
        return shouldProcess(target, action, "Performing operation \"" + action + "\" on Target \"" + target + "\".");
    }

    @Override
    public boolean shouldProcess(String target, String action, String description) {
        Objects.requireNonNull(description, "description");
        if (arguments != null && arguments.flag(CommandDescriptor.WHAT_IF)) {
            hostLines.add("What if: " + description);
            return false;
        }
        if (descriptor == null || arguments == null || !RunbookRunner.wantsConfirmation(descriptor, arguments)) {
            return true;
        }
        boolean yes = switch (confirmPolicy) {
            case ACCEPT -> true;
            case DECLINE -> false;
        };
        hostLines.add("Confirm\nAre you sure you want to perform this action?\n" + description
                + "\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): "
                + (yes ? "Y" : "N"));
        // The description goes to the journal too: it is the sentence the administrator answered.
        kernel.journal().append(JournalEntry.Type.NOTE, source(), "confirm.prompt", Map.of("target", target,
                "action", action, "description", description, "answer", yes ? "Y" : "N"));
        return yes;
    }

    @Override
    public <T> T await(Operation<T> operation) {
        return kernel.operations().await(operation);
    }

    @Override
    public void sleep(Duration duration) {
        kernel.scheduler().runFor(duration);
    }

    @Override
    public void enterSession(String computerName) {
        if (host != null) {
            throw new ExhaException(CoreErrorCode.INVALID_STATE, "Enter-PSSession cannot open a session inside the"
                    + " session on '" + host + "'. Run Exit-PSSession first.");
        }
        host = hosts.resolve(computerName).orElseThrow(() -> new ExhaException(CoreErrorCode.UNKNOWN_HOST,
                "Connecting to remote server " + computerName + " failed: the computer '" + computerName
                        + "' is not in this lab's topology." + NearestNames.didYouMean(computerName, hosts.names(), "")));
        kernel.journal().append(JournalEntry.Type.COMMAND, host, "session.enter", Map.of("computer", host));
    }

    @Override
    public void exitSession() {
        if (host != null) {
            kernel.journal().append(JournalEntry.Type.COMMAND, host, "session.exit", Map.of("computer", host));
            host = null;
        }
    }

    private String source() {
        return host == null ? "runbook" : host;
    }
}
