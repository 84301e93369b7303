package io.github.exha.examples.cli;

import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code exha run RUNBOOK}: runs a runbook on a simulated world built from a topology. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a runbook on a simulated world.",
            "Exit 0 when every command succeeded, 1 when one failed (the run stops there unless"
                + " --continue-on-error), 2 when the runbook or topology does not parse or bind (file:line:col).",
            "A run that stops at a failed step saves its state (RUNBOOK.exha-resume.json, or --state FILE);"
                + " correct the runbook from the failed line on and continue with --resume."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file (.ps1).")
    Path runbook;

    @Option(names = "--topology", paramLabel = "FILE",
            description = "The topology (YAML). Without it the world holds only the kernel.")
    Path topology;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice (default: the topology's).")
    Long seed;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: text (default) or json.")
    OutputFormat format;

    @Option(names = "--continue-on-error", description = "Run the remaining steps after a failed one.")
    boolean continueOnError;

    @Option(names = "--decline-confirmations",
            description = "Answer No to \"Are you sure?\" prompts"
                    + " (default: Yes, as the operator following the runbook).")
    boolean declineConfirmations;

    @Option(names = "--what-if", description = {"Plan only (-WhatIf for the whole runbook): run it in a throwaway copy"
            + " of the world and list what each step would change and which step would fail, with its error."
            + " Nothing is changed and no state is saved. Exit 0 if every step would succeed, 1 if one would fail."})
    boolean whatIf;

    @Option(names = "--resume", description = {"Continue the run that stopped at a failed step: replay the steps"
            + " that ran (checking the world is the one the failure left) and go on from the failed step's position"
            + " in the runbook as it is now. The steps before it must be unchanged."})
    boolean resume;

    @Option(names = "--state", paramLabel = "FILE",
            description = "Where a stopped run's state is saved and --resume reads it"
                    + " (default: RUNBOOK.exha-resume.json).")
    Path state;

    @Option(names = "--report", paramLabel = "FILE.html", description = {"Also write a self-contained HTML report of the"
            + " run: a timeline of every host's power, cluster node, group, resource and database states, the"
            + " replication queues and lag of every copy, the steps marked on both, and the steps table with errors."})
    Path report;

    @Override
    public Integer call() {
        TopologySource source = topology == null ? TopologySource.minimal(baseName(runbook))
                : TopologySource.file(topology);
        RunbookJob job = new RunbookJob(runbook.toString(), null, source, topology == null ? null : topology.toString(),
                seed, new RunOptions(continueOnError, RunbookJob.confirmPolicy(declineConfirmations)), format, whatIf,
                state == null ? ResumeFile.defaultPath(runbook) : state, resume, Map.of()).withReport(report);
        return job.execute(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
