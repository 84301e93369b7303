package io.github.exha.upgrade.workflow;

import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.core.runbook.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of steps over one runbook: what the {@link WorkflowEngine} plans, executes and resumes.
 *
 * <p>A workflow is always a runbook underneath, so every step runs through the same parser, binder and commands as
 * {@code exha run}, errors carry {@code file:line:col}, and {@link #source()} is a runbook an administrator can read or
 * run by hand. A plain runbook is the workflow with one step per statement ({@link #ofRunbook}); a procedure written in
 * Java names its steps, their hosts and their preconditions ({@link #builder}) and is rendered to runbook text.
 *
 * @param name the workflow's name
 * @param source the runbook text (as written, or as rendered)
 * @param runbook the parsed runbook
 * @param steps the steps, covering the runbook's statements in order, each exactly once
 */
public record Workflow(String name, String source, Runbook runbook, List<WorkflowStep> steps) {
    public Workflow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(runbook, "runbook");
        steps = List.copyOf(steps);
        int next = 0;
        for (WorkflowStep step : steps) {
            if (step.firstStatement() != next) {
                throw new IllegalArgumentException("step '" + step.name() + "' starts at statement "
                        + step.firstStatement() + ", expected " + next + ": steps cover the statements in order");
            }
            next = step.endStatement();
        }
        if (next != runbook.statements().size()) {
            throw new IllegalArgumentException("the steps cover " + next + " of the runbook's "
                    + runbook.statements().size() + " statements");
        }
    }

    /**
     * A runbook as a workflow: one step per statement, named by its text, without preconditions (a command's own
     * refusals are its preconditions).
     *
     * @throws io.github.exha.core.error.ExhaException with {@code file:line:col} when the text does not parse
     */
    public static Workflow ofRunbook(String file, String text) {
        Runbook runbook = RunbookParser.parse(file, text);
        List<WorkflowStep> steps = new ArrayList<>();
        for (int i = 0; i < runbook.statements().size(); i++) {
            steps.add(new WorkflowStep(runbook.statements().get(i).text(), i, 1, List.of()));
        }
        return new Workflow(file, text, runbook, steps);
    }

    /** Starts a workflow written step by step; {@link Builder#build} renders it to runbook text. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The statements of a step. */
    public List<Statement> statements(WorkflowStep step) {
        return runbook.statements().subList(step.firstStatement(), step.endStatement());
    }

    /** Builds a workflow step by step and renders it as a runbook (one comment block per step). */
    public static final class Builder {
        private final String name;
        private final List<Draft> drafts = new ArrayList<>();

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a workflow has a name");
            }
            this.name = name;
        }

        /**
         * Adds a step.
         *
         * @param stepName what the step does
         * @param host the host its commands run on (rendered as Enter-PSSession / Exit-PSSession around them), or
         *     null for shell commands that need no session
         * @param preconditions what must hold before it runs
         * @param commands runbook lines, one statement each
         */
        public Builder step(String stepName, String host, List<Precondition> preconditions, List<String> commands) {
            Objects.requireNonNull(stepName, "stepName");
            for (String command : commands) {
                if (command.isBlank() || command.contains("\n")) {
                    throw new IllegalArgumentException("a command is one non-blank line: '" + command + "'");
                }
            }
            drafts.add(new Draft(stepName, host, List.copyOf(preconditions), List.copyOf(commands)));
            return this;
        }

        /**
         * Renders the steps as runbook text and parses it.
         *
         * @throws io.github.exha.core.error.ExhaException when a command does not parse (a bug in the procedure)
         */
        public Workflow build() {
            StringBuilder text = new StringBuilder("# Workflow ").append(name).append(" (rendered by exha)\n");
            int line = 1;
            int[][] ranges = new int[drafts.size()][2];
            for (int i = 0; i < drafts.size(); i++) {
                Draft draft = drafts.get(i);
                text.append('\n').append("# Step ").append(i + 1).append(": ").append(draft.name).append('\n');
                line += 2;
                for (Precondition p : draft.preconditions) {
                    text.append("#   requires ").append(p.code()).append(": ").append(p.description()).append('\n');
                    line++;
                }
                List<String> lines = new ArrayList<>();
                if (draft.host != null) {
                    lines.add("Enter-PSSession " + draft.host);
                }
                lines.addAll(draft.commands);
                if (draft.host != null) {
                    lines.add("Exit-PSSession");
                }
                ranges[i][0] = line + 1;
                for (String command : lines) {
                    text.append(command).append('\n');
                    line++;
                }
                ranges[i][1] = line;
            }
            String source = text.toString();
            Runbook runbook = RunbookParser.parse(name + ".ps1", source);
            List<WorkflowStep> steps = new ArrayList<>();
            int statement = 0;
            for (int i = 0; i < drafts.size(); i++) {
                int first = statement;
                while (statement < runbook.statements().size()
                        && runbook.statements().get(statement).position().line() <= ranges[i][1]) {
                    statement++;
                }
                steps.add(new WorkflowStep(drafts.get(i).name, first, statement - first, drafts.get(i).preconditions));
            }
            return new Workflow(name, source, runbook, steps);
        }

        private record Draft(String name, String host, List<Precondition> preconditions, List<String> commands) {
        }
    }
}
