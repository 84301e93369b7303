package io.github.exha.examples.cli.shell;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.command.BoundStatement;
import io.github.exha.core.command.CommandBinder;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.RunbookRunner;
import io.github.exha.core.run.StepError;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.ExamplesModule;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One lab that lives for a whole {@code exha shell}: every line entered is parsed with the runbook language, bound
 * and run in the same runbook session (so the host chosen with {@code Enter-PSSession} and every change to the world
 * carry from line to line). Virtual time moves only while a command takes time ({@code Start-Sleep} included), never
 * while the user types. A refused line prints its error and leaves the session open.
 */
public final class ShellSession {
    /** The virtual clock in the prompt: UTC, to the second. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Lab lab;
    private final CommandBinder binder;
    private final RunbookRunner.Execution execution;
    private final List<StepResult> steps = new ArrayList<>();
    private final LabIdentities identities;
    private int entries;

    private ShellSession(Lab lab, ConfirmPolicy confirmPolicy) {
        this.lab = lab;
        this.binder = lab.instance(CommandBinder.class);
        // A line's statements run like a runbook's: the first failure skips the rest of that line only.
        this.execution = lab.instance(RunbookRunner.class).start(new RunOptions(false, confirmPolicy));
        this.identities = new LabIdentities(lab);
    }

    /**
     * Builds the session's lab.
     *
     * @throws ExhaException when the topology does not load (with its file position)
     */
    public static ShellSession open(LabSpec spec, ConfirmPolicy confirmPolicy) {
        return new ShellSession(ExamplesModule.createLab(spec), confirmPolicy);
    }

    /** The lab the session runs in. */
    public Lab lab() {
        return lab;
    }

    /** The host chosen with {@code Enter-PSSession}, or null outside a remote session. */
    public String currentHost() {
        return execution.currentHost();
    }

    /** {@code [PS] 2009-07-30 09:00:00 EXCHMAILBOX1>}: the virtual clock and the session host, if any. */
    public String prompt() {
        String host = execution.currentHost();
        return "[PS] " + CLOCK.format(lab.clock().instant()) + (host == null ? "" : " " + host) + "> ";
    }

    /** What completion reads from the lab. */
    LabIdentities identities() {
        return identities;
    }

    /**
     * Runs one entry (a line, or a statement continued over several lines) and prints its output, errors and the
     * virtual time it took. Never throws for anything the user typed.
     *
     * @return whether every statement of the entry succeeded
     */
    public boolean execute(String text, PrintWriter out) {
        entries++;
        String label = "shell[" + entries + "]";
        List<BoundStatement> bound;
        try {
            Runbook runbook = RunbookParser.parse(label, text);
            bound = binder.bind(runbook);
        } catch (ExhaException e) {
            // A parse or binding error: nothing ran, as a runbook with a typo does not start.
            out.println(e.position().map(p -> p + ": ").orElse("") + "error " + describe(StepError.of(e)));
            return false;
        } catch (RuntimeException e) {
            // A defect in exha, not the user's mistake; the session goes on (running a step reports its own).
            out.println("exha: internal error while reading this line (" + e + "). Please report it.");
            return false;
        }
        boolean ok = true;
        for (BoundStatement statement : bound) {
            if (!ok) {
                StepResult skipped = execution.skip(statement);
                steps.add(skipped);
                out.println("[skipped] " + skipped.text());
                continue;
            }
            StepResult step = execution.run(statement);
            steps.add(step);
            print(step, bound.size() > 1, out);
            ok = step.status() == StepStatus.OK;
        }
        return ok;
    }

    private static void print(StepResult step, boolean several, PrintWriter out) {
        if (several) {
            out.println("> " + step.text());
        }
        String rendered = OutputFormatter.render(step.output());
        if (!rendered.isEmpty()) {
            out.print(rendered);
        }
        if (step.error() != null) {
            out.println("error " + describe(step.error()));
        }
        Duration took = Duration.between(step.start(), step.end());
        if (!took.isZero()) {
            out.println("(" + took.toString().substring(2).toLowerCase(Locale.ROOT) + " virtual)");
        }
    }

    /**
     * Ends the session: checks the invariants and prints what {@code exha run} prints after its last step (the
     * modules' summaries, broken invariants, the step count and the journal digest).
     */
    public RunReport finish(PrintWriter out) {
        RunReport report = execution.finish(List.copyOf(steps));
        int ok = 0;
        int failed = 0;
        int skipped = 0;
        for (StepResult step : report.steps()) {
            switch (step.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
        }
        int broken = 0;
        for (InvariantResult i : report.invariants()) {
            if (!i.held()) {
                broken++;
                out.println("invariant broken: " + i.name() + ": " + i.detail());
            }
        }
        for (String line : report.summaries()) {
            out.println(line);
        }
        out.println(report.steps().size() + " steps: " + ok + " ok, " + failed + " failed, " + skipped + " skipped; "
                + (report.invariants().size() - broken) + " of " + report.invariants().size()
                + " invariants held; journal digest " + report.journalDigest());
        return report;
    }

    /** {@code CODE (native): message}, as {@code exha run} prints a step's error. */
    static String describe(StepError error) {
        return error.code() + (error.nativeCode() == null ? "" : " (" + error.nativeCode() + ")") + ": "
                + error.message();
    }
}
