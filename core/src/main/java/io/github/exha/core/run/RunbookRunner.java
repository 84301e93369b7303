package io.github.exha.core.run;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.BoundCall;
import io.github.exha.core.command.BoundStatement;
import io.github.exha.core.command.CommandBinder;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.HostDirectory;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.runbook.Runbook;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a runbook in a lab: binds every statement first (so a typo on line 40 stops the run before line 1 changes
 * anything), then runs the statements in order on virtual time, journaling each command, and finally checks the
 * invariants.
 */
public final class RunbookRunner {
    private final Kernel kernel;
    private final CommandBinder binder;
    private final HostDirectory hosts;
    private final List<Invariant> invariants;
    private final List<ReportSection> sections;

    /** A runner for one lab. */
    @Inject
    public RunbookRunner(Kernel kernel, CommandBinder binder, HostDirectory hosts, Set<Invariant> invariants,
            Set<ReportSection> sections) {
        this.kernel = kernel;
        this.binder = binder;
        this.hosts = hosts;
        List<Invariant> sorted = new ArrayList<>(invariants);
        sorted.sort(Comparator.comparing(Invariant::name));
        this.invariants = List.copyOf(sorted);
        List<ReportSection> sortedSections = new ArrayList<>(sections);
        sortedSections.sort(Comparator.comparing(ReportSection::name));
        this.sections = List.copyOf(sortedSections);
    }

    /**
     * Binds every statement without running anything.
     *
     * @throws ExhaException with the file position of the first unknown command, parameter or bad value
     */
    public List<BoundStatement> check(Runbook runbook) {
        return binder.bind(runbook);
    }

    /**
     * Runs the runbook.
     *
     * @throws ExhaException with a file position when the runbook does not bind; nothing has run then
     */
    public RunReport run(Runbook runbook, RunOptions options) {
        List<BoundStatement> statements = check(runbook);
        Execution execution = start(options);
        List<StepResult> steps = new ArrayList<>();
        boolean stopped = false;
        for (BoundStatement statement : statements) {
            if (stopped) {
                steps.add(execution.skip(statement));
                continue;
            }
            StepResult result = execution.run(statement);
            steps.add(result);
            if (result.status() == StepStatus.FAILED && !options.continueOnError()) {
                stopped = true;
            }
        }
        return execution.finish(steps);
    }

    /**
     * Starts a run whose bound statements the caller feeds one at a time, in one shell session: for engines that do
     * their own work between statements (check a workflow step's preconditions, replay the steps a failed run had
     * completed). {@link #run} is the plain loop over it.
     */
    public Execution start(RunOptions options) {
        return new Execution(new Session(kernel, hosts, options.confirmPolicy()));
    }

    /** A run in progress: one session (its Enter-PSSession host carries from statement to statement). */
    public final class Execution {
        private final Session session;

        private Execution(Session session) {
            this.session = session;
        }

        /** Runs one statement on virtual time, journaling its start and end; a refusal is a failed result. */
        public StepResult run(BoundStatement statement) {
            return runStep(statement, session);
        }

        /** The result of a statement that is not run (after a failure that stops the run). */
        public StepResult skip(BoundStatement statement) {
            return new StepResult(statement.statement().position().line(), statement.statement().text(),
                    session.currentHost(), StepStatus.SKIPPED, null, null, List.of(), null);
        }

        /** The session host the next statement runs on, or null outside any session. */
        public String currentHost() {
            return session.currentHost();
        }

        /** Checks the invariants and collects the modules' report sections: the end of the run. */
        public RunReport finish(List<StepResult> steps) {
            List<InvariantResult> checked = new ArrayList<>();
            for (Invariant invariant : invariants) {
                checked.add(invariant.check());
            }
            Map<String, Object> reports = new TreeMap<>();
            List<String> summaries = new ArrayList<>();
            for (ReportSection section : sections) {
                reports.put(section.name(), section.content());
                summaries.addAll(section.summary());
            }
            return new RunReport(steps, checked, kernel.journal().digest(), reports, summaries);
        }
    }

    private StepResult runStep(BoundStatement statement, Session session) {
        String host = session.currentHost();
        Instant start = kernel.clock().instant();
        int line = statement.statement().position().line();
        kernel.journal().append(JournalEntry.Type.COMMAND, source(host), "step.start",
                attributes("line", Integer.toString(line), "text", statement.statement().text()));
        List<Object> output = new ArrayList<>();
        StepError error = null;
        try {
            runPipeline(statement, session, output);
        } catch (ExhaException e) {
            error = StepError.of(e);
        } catch (RuntimeException e) {
            // A defect in exha, not the user's mistake: report it as one, without a stack trace.
            error = StepError.of(new ExhaException(CoreErrorCode.INTERNAL_ERROR, "Internal error in exha while running"
                    + " this step (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Please report it.",
                    null, null, e));
        }
        StepStatus status = error == null ? StepStatus.OK : StepStatus.FAILED;
        Map<String, String> endAttributes = attributes("line", Integer.toString(line), "status", status.name());
        if (error != null) {
            endAttributes.put("error", error.code());
        }
        kernel.journal().append(JournalEntry.Type.COMMAND, source(host), "step.end", endAttributes);
        return new StepResult(line, statement.statement().text(), host, status, start, kernel.clock().instant(), output,
                error);
    }

    private void runPipeline(BoundStatement statement, Session session, List<Object> finalOutput) {
        List<Object> input = null;
        List<BoundCall> calls = statement.calls();
        try {
            for (int i = 0; i < calls.size(); i++) {
                BoundCall call = calls.get(i);
                // The last command writes straight to the step's output, so what it wrote before failing is kept
                // (cmd's move lists the files it moved, then the error).
                List<Object> output = i == calls.size() - 1 ? finalOutput : new ArrayList<>();
                if (input == null) {
                    invoke(call, call.arguments(), null, session, output);
                } else if (call.pipelineParameter().isEmpty() && input.isEmpty()) {
                    invoke(call, call.arguments(), null, session, output);
                } else {
                    for (Object item : input) {
                        invoke(call, binder.bindPipelineInput(call, item), item, session, output);
                    }
                }
                input = output;
                if (i < calls.size() - 1) {
                    // Warnings and what-if lines go to the host, not down the pipe, as in PowerShell.
                    finalOutput.addAll(session.takeHostLines());
                }
            }
        } finally {
            finalOutput.addAll(0, session.takeHostLines());
        }
    }

    private void invoke(BoundCall call, Arguments arguments, Object input, Session session, List<Object> output) {
        CommandDescriptor d = call.command().descriptor();
        if (d.requiresHost()) {
            session.requireHost();
        }
        session.begin(d, arguments, input, output);
        try {
            call.command().invoke(session, arguments);
        } finally {
            session.end();
        }
    }

    private static String source(String host) {
        return host == null ? "runbook" : host;
    }

    private static Map<String, String> attributes(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** Whether a prompt is shown for this invocation: -Confirm given true, or High impact not turned off. */
    static boolean wantsConfirmation(CommandDescriptor d, Arguments arguments) {
        if (arguments.has(CommandDescriptor.CONFIRM)) {
            return arguments.flag(CommandDescriptor.CONFIRM);
        }
        return switch (d.confirmImpact()) {
            case HIGH -> true;
            case NONE, LOW, MEDIUM -> false;
        };
    }
}
