package io.github.exha.upgrade.workflow;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.command.BoundStatement;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunbookRunner;
import io.github.exha.core.run.StepError;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plans, executes and resumes {@link Workflow}s.
 *
 * <p><b>Execution.</b> Every statement of the workflow is bound before anything runs (as {@code exha run} does). Then
 * step by step, in one shell session: the step's preconditions are evaluated in order (each journaled as a
 * {@code workflow.precondition} note); the first that fails fails the step before any of its statements runs;
 * otherwise its statements run, and the first that fails fails the step. A failed step stops the run (later steps are
 * skipped) unless the options continue on error. A step that is more than one statement or has preconditions is
 * framed by {@code workflow.step.start} / {@code workflow.step.end} journal entries; a single statement without
 * preconditions (every step of a plain runbook) is journaled by the runner's own {@code step.start} /
 * {@code step.end}, so a runbook run through the engine has the same journal, and digest, as {@code exha run} had.
 *
 * <p><b>Plans (dry runs).</b> The world is deterministic: built again from the same topology and seed, it is the same
 * world, and a runbook does the same thing to it. So a plan is an execution in a throwaway lab built from the
 * {@link LabSpec}: each step reports exactly what it would change (the journal's state-change entries while it ran,
 * {@link JournaledChange#summarise summarised} per object), which precondition or command would refuse, with the
 * product's code, number and message, and what the earlier steps would have changed by then. Nothing is predicted by a
 * second model that could disagree with the first, and the caller's world is never touched: it is not even an
 * argument. The cost is running the workflow once more, which virtual time makes cheap.
 *
 * <p><b>Resume.</b> A run that stops at a failed step leaves a {@link StopPoint}. {@link #resume} builds a new lab
 * from the same spec, replays the steps that had run, including the failed attempt (which may have left state behind,
 * as a failed setup leaves its watermark), checks that the journal digest equals the one recorded at the failure (so
 * the world is provably the one the failure left), and continues with the — possibly corrected — workflow from the
 * failed step's position: a fix inserted there runs first, then the failed step again, then the rest. The steps before
 * the failed one must be unchanged; editing what already ran is a new run, not a resume.
 */
public final class WorkflowEngine {
    /** Journal source of the engine's entries. */
    public static final String SOURCE = "workflow";

    private final Function<LabSpec, Lab> labs;

    /**
     * An engine that builds its throwaway and replay labs with {@code labs} — the same composition of modules as the
     * caller's labs (the CLI passes {@code ExamplesModule::createLab}), or plans would describe another world.
     */
    public WorkflowEngine(Function<LabSpec, Lab> labs) {
        this.labs = Objects.requireNonNull(labs, "labs");
    }

    /**
     * Runs a workflow in the caller's lab.
     *
     * @throws ExhaException with {@code file:line:col} when a statement does not bind; nothing has run then
     */
    public WorkflowRun execute(Lab lab, Workflow workflow, RunOptions options) {
        RunbookRunner runner = lab.instance(RunbookRunner.class);
        List<BoundStatement> bound = runner.check(workflow.runbook());
        RunbookRunner.Execution execution = runner.start(options);
        Walk walk = new Walk(lab, execution, options, Optional.empty());
        walk.steps(workflow, bound, 0);
        return new WorkflowRun(workflow.name(), false, walk.outcomes, execution.finish(walk.statements), walk.stop,
                Optional.empty());
    }

    /**
     * Plans a workflow: executes it in a throwaway lab built from {@code spec} and reports what each step would do.
     *
     * @throws ExhaException when the topology does not load or a statement does not bind
     */
    public WorkflowRun plan(LabSpec spec, Workflow workflow, RunOptions options) {
        return execute(labs.apply(spec), workflow, options).asPlan();
    }

    /**
     * Resumes a stopped run in a new lab built from {@code spec} (the spec the stopped run used): replays what ran up
     * to and including the failed attempt, checks the world is the one the failure left, and continues with
     * {@code next} from the failed step's position. The report covers the steps from there on.
     *
     * @throws ExhaException {@link WorkflowErrorCode#RESUME_STEPS_CHANGED} when {@code next} differs from what ran
     *     before the failed step; {@link WorkflowErrorCode#RESUME_WORLD_DIFFERS} when the replay does not reach the
     *     failure's world; a binding error with {@code file:line:col}
     */
    public WorkflowRun resume(LabSpec spec, StopPoint stop, Workflow next, RunOptions options) {
        requireSamePrefix(stop, next);
        Lab lab = labs.apply(spec);
        RunbookRunner runner = lab.instance(RunbookRunner.class);
        List<BoundStatement> bound = runner.check(next.runbook());
        // Confirmations are answered as in the stopped run: the replay must take the same branches.
        RunOptions continuing = new RunOptions(options.continueOnError(), stop.options().confirmPolicy());
        RunbookRunner.Execution execution = runner.start(continuing);
        replay(stop, lab, runner, execution);
        Walk walk = new Walk(lab, execution, continuing, Optional.of(stop));
        walk.steps(next, bound, stop.step());
        return new WorkflowRun(next.name(), false, walk.outcomes, execution.finish(walk.statements), walk.stop,
                Optional.of(stop));
    }

    /**
     * Brings the execution's world to the one {@code stop} left: the stop it resumed from first (recursively), then
     * its own workflow's steps up to and including the failed attempt, checking the digest at every stop.
     */
    private static void replay(StopPoint stop, Lab lab, RunbookRunner runner, RunbookRunner.Execution execution) {
        stop.resumedFrom().ifPresent(earlier -> replay(earlier, lab, runner, execution));
        Walk replay = new Walk(lab, execution, stop.options(), stop.resumedFrom());
        replay.steps(stop.workflow(), runner.check(stop.workflow().runbook()), stop.firstStep(), stop.step() + 1);
        String digest = lab.journal().digest();
        if (replay.stop.isEmpty() || replay.stop.get().step() != stop.step() || !digest.equals(stop.journalDigest())) {
            throw new ExhaException(WorkflowErrorCode.RESUME_WORLD_DIFFERS, "Cannot resume: replaying the steps"
                    + " before line " + stop.line() + " and its failed attempt did not reproduce the world of the"
                    + " failure (journal digest " + digest + ", expected " + stop.journalDigest() + "). The topology,"
                    + " the seed or exha changed since; run the runbook again without --resume.");
        }
    }

    /** A plan of {@link #resume}: the same work, reported as a dry run; the caller keeps its saved stop. */
    public WorkflowRun planResume(LabSpec spec, StopPoint stop, Workflow next, RunOptions options) {
        return resume(spec, stop, next, options).asPlan();
    }

    private static void requireSamePrefix(StopPoint stop, Workflow next) {
        Workflow ran = stop.workflow();
        for (int i = 0; i < stop.step(); i++) {
            WorkflowStep before = ran.steps().get(i);
            Optional<WorkflowStep> now = i < next.steps().size() ? Optional.of(next.steps().get(i)) : Optional.empty();
            if (now.isEmpty() || !signature(ran, before).equals(signature(next, now.get()))) {
                String where = now.map(s -> next.statements(s).isEmpty() ? "step " + s.name()
                        : "line " + next.statements(s).get(0).position().line() + " (" + s.name() + ")")
                        .orElse("the end of the runbook");
                throw new ExhaException(WorkflowErrorCode.RESUME_STEPS_CHANGED, "Cannot resume: " + where
                        + " differs from step " + (i + 1) + " of the run that stopped at line " + stop.line() + " ("
                        + before.name() + "). --resume continues only when the steps that already ran are"
                        + " unchanged; edit the failed step or what follows it, or run again without --resume.");
            }
        }
    }

    /** What identifies a step for a resume: its name, its statements' text and its preconditions' codes. */
    private static List<String> signature(Workflow workflow, WorkflowStep step) {
        List<String> parts = new ArrayList<>();
        parts.add(step.name());
        for (Statement statement : workflow.statements(step)) {
            parts.add(statement.text());
        }
        for (Precondition p : step.preconditions()) {
            parts.add(p.code());
        }
        return parts;
    }

    /** One pass over steps in one execution, collecting outcomes and statement results. */
    private static final class Walk {
        private final Lab lab;
        private final RunbookRunner.Execution execution;
        private final RunOptions options;
        private final Optional<StopPoint> resumedFrom;
        private final List<StepOutcome> outcomes = new ArrayList<>();
        private final List<StepResult> statements = new ArrayList<>();
        private Optional<StopPoint> stop = Optional.empty();
        private Workflow workflow;

        Walk(Lab lab, RunbookRunner.Execution execution, RunOptions options, Optional<StopPoint> resumedFrom) {
            this.lab = lab;
            this.execution = execution;
            this.options = options;
            this.resumedFrom = resumedFrom;
        }

        void steps(Workflow w, List<BoundStatement> bound, int from) {
            steps(w, bound, from, w.steps().size());
        }

        void steps(Workflow w, List<BoundStatement> bound, int from, int to) {
            this.workflow = w;
            for (int i = from; i < to; i++) {
                WorkflowStep step = w.steps().get(i);
                List<BoundStatement> mine = bound.subList(step.firstStatement(), step.endStatement());
                StepOutcome outcome = stop.isPresent() ? skipped(i, step, mine) : run(i, step, mine);
                outcomes.add(outcome);
                statements.addAll(outcome.statements());
                if (outcome.status() == StepStatus.FAILED && !options.continueOnError() && stop.isEmpty()) {
                    stop = Optional.of(new StopPoint(w, i, outcome.error(), lab.journal().digest(), options,
                            resumedFrom));
                }
            }
        }

        private StepOutcome skipped(int index, WorkflowStep step, List<BoundStatement> mine) {
            List<StepResult> results = new ArrayList<>();
            for (BoundStatement statement : mine) {
                results.add(execution.skip(statement));
            }
            return new StepOutcome(index + 1, step.name(), line(mine), execution.currentHost(), StepStatus.SKIPPED,
                    List.of(), results, List.of(), null);
        }

        private StepOutcome run(int index, WorkflowStep step, List<BoundStatement> mine) {
            String host = execution.currentHost();
            int mark = lab.journal().size();
            boolean framed = step.statementCount() != 1 || !step.preconditions().isEmpty();
            String number = Integer.toString(index + 1);
            if (framed) {
                lab.journal().append(JournalEntry.Type.COMMAND, SOURCE, "workflow.step.start",
                        Map.of("workflow", workflow.name(), "step", number, "name", step.name()));
            }
            List<PreconditionResult> checked = new ArrayList<>();
            StepError error = null;
            for (Precondition precondition : step.preconditions()) {
                PreconditionResult result = precondition.evaluate(lab);
                checked.add(result);
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("step", number);
                attributes.put("code", result.code());
                attributes.put("held", Boolean.toString(result.held()));
                if (!result.held()) {
                    attributes.put("error", result.error().code());
                    attributes.put("message", result.error().message());
                }
                lab.journal().append(JournalEntry.Type.NOTE, SOURCE, "workflow.precondition", attributes);
                if (!result.held()) {
                    error = result.error();
                    break;
                }
            }
            List<StepResult> results = new ArrayList<>();
            for (BoundStatement statement : mine) {
                if (error != null) {
                    results.add(execution.skip(statement));
                    continue;
                }
                StepResult result = execution.run(statement);
                results.add(result);
                if (result.status() == StepStatus.FAILED) {
                    error = result.error();
                }
            }
            StepStatus status = error == null ? StepStatus.OK : StepStatus.FAILED;
            if (framed) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("step", number);
                attributes.put("status", status.name());
                if (error != null) {
                    attributes.put("error", error.code());
                }
                lab.journal().append(JournalEntry.Type.COMMAND, SOURCE, "workflow.step.end", attributes);
            }
            List<JournalEntry> entries = lab.journal().entries();
            return new StepOutcome(index + 1, step.name(), line(mine), host, status, checked, results,
                    JournaledChange.summarise(entries.subList(mark, entries.size())), error);
        }

        private static int line(List<BoundStatement> mine) {
            return mine.isEmpty() ? 0 : mine.get(0).statement().position().line();
        }
    }
}
