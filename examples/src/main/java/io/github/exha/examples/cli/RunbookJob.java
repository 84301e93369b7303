package io.github.exha.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepError;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.examples.ExamplesModule;
import io.github.exha.examples.report.HtmlReport;
import io.github.exha.examples.report.ReportedRun;
import io.github.exha.examples.report.RunRecorder;
import io.github.exha.upgrade.workflow.JournaledChange;
import io.github.exha.upgrade.workflow.PreconditionResult;
import io.github.exha.upgrade.workflow.StepOutcome;
import io.github.exha.upgrade.workflow.StopPoint;
import io.github.exha.upgrade.workflow.Workflow;
import io.github.exha.upgrade.workflow.WorkflowEngine;
import io.github.exha.upgrade.workflow.WorkflowErrorCode;
import io.github.exha.upgrade.workflow.WorkflowRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One runbook on one world, as {@code exha run} and {@code exha scenario} do it: through the workflow engine (one step
 * per statement), executed, planned ({@code --what-if}) or resumed ({@code --resume}), printed as text or JSON.
 *
 * @param runbookLabel the runbook as the user named it (a path, or {@code runbooks/NAME.ps1} for a scenario)
 * @param runbookText its text, or null to read the file {@code runbookLabel} (a read error is a usage error)
 * @param topology where the world comes from
 * @param topologyLabel the topology as the user named it, or null without one
 * @param seed the seed to use instead of the topology's, or null
 * @param options continue on error, confirmation answers
 * @param format text or JSON
 * @param whatIf plan instead of run
 * @param resumeState where a stop is saved and resumed from, or null where runs are not resumable (scenarios)
 * @param resume resume the saved stop
 * @param extra fields put first in the JSON object ({@code scenario})
 * @param report where to write the HTML report of the run ({@code --report}), or null
 */
record RunbookJob(String runbookLabel, String runbookText, TopologySource topology, String topologyLabel, Long seed,
        RunOptions options, OutputFormat format, boolean whatIf, Path resumeState, boolean resume,
        Map<String, Object> extra, Path report) {

    /** A job without an HTML report. */
    RunbookJob(String runbookLabel, String runbookText, TopologySource topology, String topologyLabel, Long seed,
            RunOptions options, OutputFormat format, boolean whatIf, Path resumeState, boolean resume,
            Map<String, Object> extra) {
        this(runbookLabel, runbookText, topology, topologyLabel, seed, options, format, whatIf, resumeState, resume,
                extra, null);
    }

    /** The same job, writing its HTML report to {@code file} (null: none). */
    RunbookJob withReport(Path file) {
        return new RunbookJob(runbookLabel, runbookText, topology, topologyLabel, seed, options, format, whatIf,
                resumeState, resume, extra, file);
    }

    /** Runs the job, prints its outcome and returns the exit code. */
    int execute(PrintWriter out, PrintWriter err) {
        LabRecorder labs = new LabRecorder(report != null);
        WorkflowEngine engine = new WorkflowEngine(labs);
        WorkflowRun run;
        RunbookJob shown = this;
        Path topologyFile = topologyLabel == null ? null : Path.of(topologyLabel).toAbsolutePath().normalize();
        try {
            String text = runbookText != null ? runbookText : RunbookFiles.read(Path.of(runbookLabel));
            Workflow workflow = Workflow.ofRunbook(runbookLabel, text);
            if (resume) {
                ResumeFile resumed = ResumeFile.load(resumeState, Path.of(runbookLabel));
                LabSpec spec = resumedSpec(resumed);
                topologyFile = resumed.topology();
                shown = withTopologyLabel(topologyFile == null ? null : topologyFile.toString());
                RunOptions continuing = new RunOptions(options.continueOnError(),
                        resumed.stop().options().confirmPolicy());
                run = whatIf ? engine.planResume(spec, resumed.stop(), workflow, continuing)
                        : engine.resume(spec, resumed.stop(), workflow, continuing);
            } else {
                LabSpec spec = new LabSpec(topology, seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
                run = whatIf ? engine.plan(spec, workflow, options)
                        : engine.execute(labs.apply(spec), workflow, options);
            }
        } catch (ExhaException e) {
            err.println(e.describe());
            if (format == OutputFormat.JSON) {
                out.println(json(usageError(e)));
            }
            return ExhaCli.USAGE;
        }
        Lab lab = labs.last;
        Path saved = whatIf ? null : saveOrClear(run, lab, topologyFile, err);
        switch (format) {
            case TEXT -> {
                if (whatIf) {
                    shown.printPlan(lab, run, out);
                } else {
                    shown.printRun(lab, run, saved, out);
                }
            }
            case JSON -> out.println(json(whatIf ? shown.planJson(lab, run) : shown.runJson(lab, run, saved)));
        }
        if (report != null && !shown.writeReport(labs.recorder, run, saved, err)) {
            return ExhaCli.USAGE;
        }
        return run.exitCode();
    }

    private RunbookJob withTopologyLabel(String label) {
        return new RunbookJob(runbookLabel, runbookText, topology, label, seed, options, format, whatIf, resumeState,
                resume, extra, report);
    }

    /** Writes the HTML report of the run's last lab (the throwaway one of a dry run); false when it cannot. */
    private boolean writeReport(RunRecorder recorder, WorkflowRun run, Path saved, PrintWriter err) {
        Lab lab = recorder.lab();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("runbook", runbookLabel);
        facts.put("topology", (topologyLabel == null ? "none" : topologyLabel) + " (lab '" + lab.topology().name()
                + "')");
        facts.put("seed", Long.toString(lab.seed()));
        facts.put("exit code", Integer.toString(run.exitCode()));
        facts.put("journal digest", run.report().journalDigest());
        List<String> notes = new ArrayList<>();
        if (whatIf) {
            notes.add("Dry run (--what-if): the timeline is the throwaway world's; nothing was changed.");
        }
        run.resumedFrom().ifPresent(stop -> notes.add("Resumed at " + runbookLabel + ":" + stop.line() + " ("
                + describe(stop.error()) + "): the timeline includes the " + (stop.step() + 1)
                + " replayed steps before it; the table lists the steps from there on."));
        run.stop().ifPresent(stop -> notes.add("Stopped at " + runbookLabel + ":" + stop.line() + " ("
                + describe(stop.error()) + ")" + (saved == null ? "." : "; the state is saved in " + saved + ".")));
        ReportedRun content = new ReportedRun(title() + (whatIf ? " --what-if" : ""), facts, run.report().steps(),
                run.report().invariants(), run.report().summaries(), notes, recorder.timeline());
        return ReportFiles.write(report, HtmlReport.render(content), err);
    }

    private LabSpec resumedSpec(ResumeFile state) {
        Path recorded = state.topology();
        Path given = topologyLabel == null ? null : Path.of(topologyLabel).toAbsolutePath().normalize();
        if ((given != null && !given.equals(recorded)) || (seed != null && seed != state.seed())) {
            throw new ExhaException(WorkflowErrorCode.NOTHING_TO_RESUME,
                    "--resume continues the stopped run in its world: topology "
                            + (recorded == null ? "none" : recorded) + ", seed " + state.seed()
                            + ". Leave out --topology and --seed, or run again without --resume.");
        }
        TopologySource source = recorded == null ? TopologySource.minimal(RunCommand.baseName(Path.of(runbookLabel)))
                : TopologySource.file(recorded);
        return new LabSpec(source, OptionalLong.of(state.seed()));
    }

    /** Saves the stop of a run that stopped; forgets a saved stop once a run gets through. */
    private Path saveOrClear(WorkflowRun run, Lab lab, Path topologyFile, PrintWriter err) {
        if (resumeState == null) {
            return null;
        }
        try {
            if (run.stop().isEmpty()) {
                Files.deleteIfExists(resumeState);
                return null;
            }
            new ResumeFile(Path.of(runbookLabel).toAbsolutePath().normalize(), topologyFile, lab.seed(),
                    run.stop().get()).save(resumeState);
            return resumeState;
        } catch (IOException e) {
            err.println("exha: could not save the state for --resume to " + resumeState + ": "
                    + RunbookFiles.describe(e));
            return null;
        }
    }

    // ---- run output --------------------------------------------------------------------------------------------

    private Map<String, Object> header(Lab lab) {
        Map<String, Object> root = new LinkedHashMap<>(extra);
        root.put("seed", lab == null ? (Object) seed : (Object) lab.seed());
        root.put("topology", topologyLabel);
        if (lab != null) {
            root.put("topologyName", lab.topology().name());
        }
        root.put("runbook", runbookLabel);
        return root;
    }

    private Map<String, Object> usageError(ExhaException e) {
        Map<String, Object> root = header(null);
        root.put("exitCode", ExhaCli.USAGE);
        root.put("journalDigest", null);
        root.put("steps", List.of());
        root.put("invariants", List.of());
        Map<String, Object> error = errorJson(e.code().id(), e.nativeCode().map(Object::toString).orElse(null),
                e.getMessage());
        e.position().ifPresent(p -> {
            error.put("file", p.file());
            error.put("line", p.line());
            error.put("column", p.column());
        });
        root.put("error", error);
        return root;
    }

    private Map<String, Object> runJson(Lab lab, WorkflowRun run, Path saved) {
        Map<String, Object> root = header(lab);
        root.put("exitCode", run.exitCode());
        root.put("journalDigest", run.report().journalDigest());
        List<Object> steps = new ArrayList<>();
        for (StepResult step : run.report().steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("line", step.line());
            s.put("text", step.text());
            s.put("host", step.host());
            s.put("status", step.status().name().toLowerCase(Locale.ROOT));
            s.put("start", step.start() == null ? null : step.start().toString());
            s.put("end", step.end() == null ? null : step.end().toString());
            s.put("output", OutputFormatter.toPlain(step.output()));
            s.put("error", error(step.error()));
            steps.add(s);
        }
        root.put("steps", steps);
        root.put("invariants", invariants(run));
        root.put("reports", run.report().reports());
        root.put("stoppedAt", run.stop().map(stop -> {
            Map<String, Object> m = stopJson(stop);
            m.put("stateFile", saved == null ? null : saved.toString());
            return (Object) m;
        }).orElse(null));
        root.put("resumedFrom", run.resumedFrom().map(stop -> {
            Map<String, Object> m = stopJson(stop);
            m.put("replayedSteps", stop.step() + 1);
            m.put("journalDigest", stop.journalDigest());
            return (Object) m;
        }).orElse(null));
        return root;
    }

    private static Map<String, Object> stopJson(StopPoint stop) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", stop.step() + 1);
        m.put("line", stop.line());
        m.put("text", stop.failedStep().name());
        m.put("error", error(stop.error()));
        return m;
    }

    private static List<Object> invariants(WorkflowRun run) {
        List<Object> invariants = new ArrayList<>();
        for (InvariantResult i : run.report().invariants()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", i.name());
            m.put("held", i.held());
            m.put("detail", i.detail());
            invariants.add(m);
        }
        return invariants;
    }

    private static Map<String, Object> error(StepError error) {
        return error == null ? null : errorJson(error.code(), error.nativeCode(), error.message());
    }

    private static Map<String, Object> errorJson(String code, String nativeCode, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("nativeCode", nativeCode);
        error.put("message", message);
        return error;
    }

    private void printRun(Lab lab, WorkflowRun run, Path saved, PrintWriter out) {
        out.println(title() + "  (topology " + (topologyLabel == null ? "none" : topologyLabel)
                + ", lab '" + lab.topology().name() + "', seed " + lab.seed() + ")");
        run.resumedFrom().ifPresent(stop -> out.println("resuming at " + runbookLabel + ":" + stop.line()
                + ", where the run stopped before (" + describe(stop.error()) + "); replayed " + (stop.step() + 1)
                + " step" + (stop.step() == 0 ? "" : "s") + " up to that failure"));
        int ok = 0;
        int failed = 0;
        int skipped = 0;
        for (StepResult step : run.report().steps()) {
            switch (step.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
            String where = step.host() == null ? "" : step.host() + "> ";
            if (step.status() == StepStatus.SKIPPED) {
                out.println("[skipped] " + runbookLabel + ":" + step.line() + "  " + where + step.text());
                continue;
            }
            Duration took = Duration.between(step.start(), step.end());
            out.println("[" + step.start() + "] " + runbookLabel + ":" + step.line() + "  " + where + step.text()
                    + (took.isZero() ? "" : "   (" + took.toString().substring(2).toLowerCase(Locale.ROOT)
                            + " virtual)"));
            String rendered = OutputFormatter.render(step.output());
            if (!rendered.isEmpty()) {
                out.print(rendered);
            }
            if (step.error() != null) {
                out.println(runbookLabel + ":" + step.line() + ": error " + describe(step.error()));
            }
        }
        int broken = 0;
        for (InvariantResult i : run.report().invariants()) {
            if (!i.held()) {
                broken++;
                out.println("invariant broken: " + i.name() + ": " + i.detail());
            }
        }
        for (String line : run.report().summaries()) {
            out.println(line);
        }
        out.println(run.report().steps().size() + " steps: " + ok + " ok, " + failed + " failed, " + skipped
                + " skipped; " + (run.report().invariants().size() - broken) + " of " + run.report().invariants().size()
                + " invariants held; journal digest " + run.report().journalDigest());
        run.stop().ifPresent(stop -> out.println("stopped at " + runbookLabel + ":" + stop.line() + (saved == null ? ""
                : "; the state is saved in " + saved + ": correct the runbook from line " + stop.line()
                        + " on (a fix may go before it) and continue with --resume")));
    }

    /** {@code exha run RUNBOOK} or {@code exha scenario NAME}. */
    private String title() {
        return extra.containsKey("scenario") ? "exha scenario " + extra.get("scenario") : "exha run " + runbookLabel;
    }

    private static String describe(StepError error) {
        return error.code() + (error.nativeCode() == null ? "" : " (" + error.nativeCode() + ")") + ": "
                + error.message();
    }

    // ---- plan output -------------------------------------------------------------------------------------------

    /** How many changes of one step the text plan prints; the JSON has them all. */
    private static final int TEXT_CHANGES_PER_STEP = 12;

    private Map<String, Object> planJson(Lab lab, WorkflowRun run) {
        Map<String, Object> root = header(lab);
        root.put("whatIf", true);
        root.put("exitCode", run.exitCode());
        root.put("journalDigest", run.report().journalDigest());
        List<Object> steps = new ArrayList<>();
        for (StepOutcome step : run.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", step.number());
            s.put("line", step.line());
            s.put("text", step.text());
            s.put("host", step.host());
            s.put("status", step.status().name().toLowerCase(Locale.ROOT));
            List<Object> preconditions = new ArrayList<>();
            for (PreconditionResult p : step.preconditions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", p.code());
                m.put("description", p.description());
                m.put("held", p.held());
                m.put("error", error(p.error()));
                preconditions.add(m);
            }
            s.put("preconditions", preconditions);
            List<Object> changes = new ArrayList<>();
            for (JournaledChange c : step.changes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", c.type() == io.github.exha.core.kernel.JournalEntry.Type.EVENT_LOG ? "event" : "state");
                m.put("source", c.source());
                m.put("name", c.name());
                m.put("subject", c.subject());
                m.put("from", c.from());
                m.put("to", c.to());
                m.put("count", c.count());
                m.put("text", c.describe());
                changes.add(m);
            }
            s.put("changes", changes);
            s.put("warnings", step.warnings());
            s.put("output", OutputFormatter.toPlain(step.statements().stream().flatMap(r -> r.output().stream())
                    .toList()));
            s.put("error", error(step.error()));
            steps.add(s);
        }
        root.put("steps", steps);
        root.put("firstFailure", run.firstFailure().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", f.number());
            m.put("line", f.line());
            m.put("text", f.text());
            m.put("precondition", f.failedPrecondition().map(PreconditionResult::code).orElse(null));
            m.put("error", error(f.error()));
            return (Object) m;
        }).orElse(null));
        root.put("changedBeforeFailure", run.changedBeforeFailure().stream().map(StepOutcome::line).toList());
        root.put("invariants", invariants(run));
        root.put("reports", run.report().reports());
        root.put("resumedFrom", run.resumedFrom().map(stop -> (Object) stopJson(stop)).orElse(null));
        return root;
    }

    private void printPlan(Lab lab, WorkflowRun run, PrintWriter out) {
        out.println(title() + " --what-if  (topology " + (topologyLabel == null ? "none"
                : topologyLabel) + ", lab '" + lab.topology().name() + "', seed " + lab.seed() + ")");
        out.println("Dry run in a throwaway copy of the world: nothing is changed.");
        run.resumedFrom().ifPresent(stop -> out.println("Resuming at " + runbookLabel + ":" + stop.line()
                + ", where the run stopped before (" + describe(stop.error()) + ")."));
        Integer stoppedAt = null;
        for (StepOutcome step : run.steps()) {
            String where = step.host() == null ? "" : step.host() + "> ";
            String verdict = switch (step.status()) {
                case OK -> "would succeed";
                case FAILED -> "WOULD FAIL";
                case SKIPPED -> "would not run (the run stops at line " + stoppedAt + ")";
            };
            if (step.status() == StepStatus.FAILED && stoppedAt == null && !options.continueOnError()) {
                stoppedAt = step.line();
            }
            out.println(runbookLabel + ":" + step.line() + "  " + where + step.text().replace("\n", "; ") + "   "
                    + verdict);
            for (PreconditionResult p : step.preconditions()) {
                out.println("    precondition " + p.code() + ": " + (p.held() ? "holds" : "does NOT hold"));
            }
            if (step.error() != null) {
                out.println("    error " + describe(step.error()));
            }
            for (String warning : step.warnings()) {
                out.println("    WARNING: " + warning);
            }
            int shown = 0;
            for (JournaledChange change : step.changes()) {
                if (shown++ == TEXT_CHANGES_PER_STEP) {
                    out.println("    ... and " + (step.changes().size() - TEXT_CHANGES_PER_STEP)
                            + " more (--format json lists them all)");
                    break;
                }
                out.println("    " + (step.status() == StepStatus.FAILED ? "changes anyway: " : "changes: ")
                        + change.describe());
            }
        }
        for (InvariantResult i : run.report().invariants()) {
            if (!i.held()) {
                out.println("invariant would break: " + i.name() + ": " + i.detail());
            }
        }
        List<Integer> changed = run.changedBeforeFailure().stream().map(StepOutcome::line).toList();
        if (run.firstFailure().isPresent()) {
            StepOutcome f = run.firstFailure().get();
            out.println("Plan: line " + f.line() + " would fail with " + f.error().code()
                    + (f.error().nativeCode() == null ? "" : " (" + f.error().nativeCode() + ")")
                    + f.failedPrecondition().map(p -> ", its precondition " + p.code() + " not holding").orElse("")
                    + ".");
            out.println(changed.isEmpty() ? "No step before it changes the world." : "Before it, " + changed.size()
                    + " step" + (changed.size() == 1 ? "" : "s") + " would change the world: line"
                    + (changed.size() == 1 ? " " : "s ") + join(changed) + ".");
        } else {
            out.println("Plan: every step would succeed; " + changed.size() + " would change the world.");
        }
    }

    private static String join(List<Integer> lines) {
        return String.join(", ", lines.stream().map(String::valueOf).toList());
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("output is plain maps and lists", e);
        }
    }

    /**
     * The CLI's labs, remembering the last one built so the output can name its topology and seed, and watching it
     * for the HTML report when there is one.
     */
    private static final class LabRecorder implements Function<LabSpec, Lab> {
        private final boolean watch;
        private Lab last;
        private RunRecorder recorder;

        LabRecorder(boolean watch) {
            this.watch = watch;
        }

        @Override
        public Lab apply(LabSpec spec) {
            last = ExamplesModule.createLab(spec);
            if (watch) {
                recorder = RunRecorder.attach(last);
            }
            return last;
        }
    }

    /** The confirmation policy of the CLI flag. */
    static ConfirmPolicy confirmPolicy(boolean decline) {
        return decline ? ConfirmPolicy.DECLINE : ConfirmPolicy.ACCEPT;
    }
}
