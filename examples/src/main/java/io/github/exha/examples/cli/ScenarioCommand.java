package io.github.exha.examples.cli;

import io.github.exha.core.TopologySource;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.run.RunOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code exha scenario NAME}: runs a built-in runbook on its topology, with the options its header names. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {"Run a built-in scenario: a runbook of the seeds on its topology ('exha scenarios' lists them).",
            "Output and exit codes as 'exha run'; the JSON object starts with \"scenario\"."})
final class ScenarioCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The scenario: a runbook's file name without .ps1.")
    String name;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice (default: the topology's).")
    Long seed;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: text (default) or json.")
    OutputFormat format;

    @Option(names = "--what-if", description = "Plan only: what each step would change and which would fail.")
    boolean whatIf;

    @Option(names = "--continue-on-error", description = "Run the remaining steps after a failed one"
            + " (some scenarios ask for it themselves).")
    boolean continueOnError;

    @Option(names = "--decline-confirmations", description = "Answer No to \"Are you sure?\" prompts.")
    boolean declineConfirmations;

    @Option(names = "--report", paramLabel = "FILE.html", description = {"Also write a self-contained HTML report of the"
            + " run: a timeline of every host's power, cluster node, group, resource and database states, the"
            + " replication queues and lag of every copy, the steps marked on both, and the steps table with errors."})
    Path report;

    @Override
    public Integer call() {
        Scenarios.Scenario scenario;
        try {
            scenario = Scenarios.load(name);
        } catch (ExhaException e) {
            spec.commandLine().getErr().println(e.describe());
            return ExhaCli.USAGE;
        }
        TopologySource topology = scenario.topologyFile() == null ? TopologySource.minimal(scenario.name())
                : TopologySource.text(scenario.topologyLabel(), scenario.topologyText());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("scenario", scenario.name());
        RunbookJob job = new RunbookJob(scenario.runbookLabel(), scenario.runbookText(), topology,
                scenario.topologyLabel(), seed, new RunOptions(continueOnError || scenario.continueOnError(),
                        RunbookJob.confirmPolicy(declineConfirmations || scenario.declineConfirmations())),
                format, whatIf, null, false, extra).withReport(report);
        return job.execute(spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
