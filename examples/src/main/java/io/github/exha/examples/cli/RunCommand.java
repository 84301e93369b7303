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
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.examples.ExamplesModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
                + " --continue-on-error), 2 when the runbook or topology does not parse or bind (file:line:col)."})
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
            description = "Answer No to \"Are you sure?\" prompts (default: Yes, as the operator following the runbook).")
    boolean declineConfirmations;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunReport report;
        Lab lab;
        try {
            Runbook parsed = RunbookFiles.parse(runbook);
            TopologySource source = topology == null ? TopologySource.minimal(baseName(runbook))
                    : TopologySource.file(topology);
            lab = ExamplesModule.createLab(new LabSpec(source, seed == null ? OptionalLong.empty() : OptionalLong.of(seed)));
            report = lab.run(parsed, new RunOptions(continueOnError,
                    declineConfirmations ? ConfirmPolicy.DECLINE : ConfirmPolicy.ACCEPT));
        } catch (ExhaException e) {
            err.println(e.describe());
            if (format == OutputFormat.JSON) {
                out.println(json(usageError(e)));
            }
            return ExhaCli.USAGE;
        }
        switch (format) {
            case TEXT -> printText(lab, report, out);
            case JSON -> out.println(json(toJson(lab, report)));
        }
        return report.exitCode();
    }

    private Map<String, Object> usageError(ExhaException e) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", seed);
        root.put("topology", topology == null ? null : topology.toString());
        root.put("runbook", runbook.toString());
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

    private Map<String, Object> toJson(Lab lab, RunReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", lab.seed());
        root.put("topology", topology == null ? null : topology.toString());
        root.put("topologyName", lab.topology().name());
        root.put("runbook", runbook.toString());
        root.put("exitCode", report.exitCode());
        root.put("journalDigest", report.journalDigest());
        List<Object> steps = new ArrayList<>();
        for (StepResult step : report.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("line", step.line());
            s.put("text", step.text());
            s.put("host", step.host());
            s.put("status", step.status().name().toLowerCase(java.util.Locale.ROOT));
            s.put("start", step.start() == null ? null : step.start().toString());
            s.put("end", step.end() == null ? null : step.end().toString());
            s.put("output", OutputFormatter.toPlain(step.output()));
            s.put("error", step.error() == null ? null
                    : errorJson(step.error().code(), step.error().nativeCode(), step.error().message()));
            steps.add(s);
        }
        root.put("steps", steps);
        List<Object> invariants = new ArrayList<>();
        for (InvariantResult i : report.invariants()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", i.name());
            m.put("held", i.held());
            m.put("detail", i.detail());
            invariants.add(m);
        }
        root.put("invariants", invariants);
        root.put("reports", report.reports());
        return root;
    }

    private static Map<String, Object> errorJson(String code, String nativeCode, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("nativeCode", nativeCode);
        error.put("message", message);
        return error;
    }

    private void printText(Lab lab, RunReport report, PrintWriter out) {
        out.println("exha run " + runbook + "  (topology " + (topology == null ? "none" : topology) + ", lab '"
                + lab.topology().name() + "', seed " + lab.seed() + ")");
        int ok = 0;
        int failed = 0;
        int skipped = 0;
        for (StepResult step : report.steps()) {
            switch (step.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
            String where = step.host() == null ? "" : step.host() + "> ";
            if (step.status() == StepStatus.SKIPPED) {
                out.println("[skipped] " + runbook + ":" + step.line() + "  " + where + step.text());
                continue;
            }
            Duration took = Duration.between(step.start(), step.end());
            out.println("[" + step.start() + "] " + runbook + ":" + step.line() + "  " + where + step.text()
                    + (took.isZero() ? "" : "   (" + took.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                            + " virtual)"));
            String rendered = OutputFormatter.render(step.output());
            if (!rendered.isEmpty()) {
                out.print(rendered);
            }
            if (step.error() != null) {
                out.println(runbook + ":" + step.line() + ": error " + step.error().code()
                        + (step.error().nativeCode() == null ? "" : " (" + step.error().nativeCode() + ")") + ": "
                        + step.error().message());
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
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("output is plain maps and lists", e);
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
