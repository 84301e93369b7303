package io.github.exha.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.exha.core.TopologySource;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.runbook.RunbookParser;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code exha chaos RUNBOOK | --scenario NAME}: the runbook under randomized fault plans, every invariant checked. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Run a runbook (or a built-in scenario) under N randomized fault plans drawn from a seed:"
                + " host crash and reboot, NIC down, partition between sites, slow link between sites, file share"
                + " witness loss, quorum disk / disk witness loss, array power loss, lost LUN, SAN replication link cut,"
                + " full log disk. Faults are injected between statements or, inside a step that takes virtual time,"
                + " at a drawn offset. Every step runs (--continue-on-error) and every invariant is checked on every"
                + " run; losses the design permits (unplanned failovers) are counted apart.",
            "Prints which faults broke which steps (a step that failed with the faults and not in the same seed's"
                + " fault-free run), how many faults of each kind were injected, and the command that replays each"
                + " failing run.",
            "Exit 0 when every invariant held and every heal recovered in every run, 1 when not, 2 for a runbook or"
                + " topology that does not parse or bind."})
final class ChaosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUNBOOK", description = "The runbook file (.ps1).")
    Path runbook;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "A built-in scenario instead of a runbook file ('exha scenarios' lists them).")
    String scenario;

    @Option(names = "--topology", paramLabel = "FILE", description = "The topology (YAML) of a runbook file.")
    Path topology;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "How many runs (default 10).")
    int runs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "The master seed the runs' seeds are derived from (default 1).")
    long seed;

    @Option(names = "--replay", paramLabel = "RUNSEED",
            description = "Run only the run of this run seed (as printed), e.g. to replay a failing one.")
    Long replay;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: text (default) or json.")
    OutputFormat format;

    @Option(names = "--decline-confirmations", description = "Answer No to \"Are you sure?\" prompts.")
    boolean declineConfirmations;

    @Option(names = "--report", paramLabel = "FILE.html", description = {"Also write the HTML report of one run:"
            + " the replayed run with --replay, else the first run the faults broke, else run 1; its faults are"
            + " marked on the timeline from injection to heal."})
    Path htmlReport;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((runbook == null) == (scenario == null)) {
            err.println("exha chaos: give a RUNBOOK file or --scenario NAME (one of them).");
            return ExhaCli.USAGE;
        }
        if (scenario != null && topology != null) {
            err.println("exha chaos: a scenario runs on the topology its header names; leave out --topology.");
            return ExhaCli.USAGE;
        }
        if (runs < 1) {
            err.println("exha chaos: --runs must be at least 1.");
            return ExhaCli.USAGE;
        }
        String runbookLabel;
        String topologyLabel;
        TopologySource source;
        Runbook parsed;
        boolean decline = declineConfirmations;
        List<Chaos.RunResult> results = new ArrayList<>();
        ChaosReportCapture captured = new ChaosReportCapture();
        try {
            if (scenario != null) {
                Scenarios.Scenario s = Scenarios.load(scenario);
                runbookLabel = s.runbookLabel();
                topologyLabel = s.topologyLabel();
                source = s.topologyFile() == null ? TopologySource.minimal(s.name())
                        : TopologySource.text(s.topologyLabel(), s.topologyText());
                parsed = RunbookParser.parse(runbookLabel, s.runbookText());
                decline |= s.declineConfirmations();
            } else {
                runbookLabel = runbook.toString();
                topologyLabel = topology == null ? null : topology.toString();
                source = topology == null ? TopologySource.minimal(RunCommand.baseName(runbook))
                        : TopologySource.file(topology);
                parsed = RunbookParser.parse(runbookLabel, RunbookFiles.read(runbook));
            }
            ConfirmPolicy policy = RunbookJob.confirmPolicy(decline);
            int count = replay != null ? 1 : runs;
            for (int i = 1; i <= count; i++) {
                long runSeed = replay != null ? replay : Chaos.runSeed(seed, i);
                ChaosReportCapture.Watch watch = captured.watch();
                Chaos.RunResult result = Chaos.run(i, runSeed, source, parsed, policy,
                        htmlReport == null ? Chaos.Watcher.NONE : watch);
                results.add(result);
                if (htmlReport != null) {
                    captured.offer(watch, result);
                }
            }
        } catch (ExhaException e) {
            err.println(e.describe());
            return ExhaCli.USAGE;
        }
        Report report = new Report(runbookLabel, topologyLabel, results);
        switch (format) {
            case TEXT -> report.print(out);
            case JSON -> out.println(json(report.json()));
        }
        if (htmlReport != null && !writeReport(captured, runbookLabel, topologyLabel, results.size())) {
            return ExhaCli.USAGE;
        }
        return results.stream().anyMatch(r -> !r.brokenInvariants().isEmpty() || !r.unrecovered().isEmpty())
                ? ExhaCli.FAILED : ExhaCli.OK;
    }

    private boolean writeReport(ChaosReportCapture captured, String runbookLabel, String topologyLabel, int count) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("runbook", runbookLabel);
        facts.put("topology", topologyLabel == null ? "none" : topologyLabel);
        facts.put(replay != null ? "replay of run seed" : "master seed", Long.toString(replay != null ? replay : seed));
        String title = "exha chaos " + (scenario != null ? "--scenario " + scenario : runbookLabel);
        return captured.write(htmlReport, title, facts, count, replay != null,
                replayCommand(captured.keptSeed()), spec.commandLine().getErr());
    }

    /** The command line that replays one run. */
    String replayCommand(long runSeed) {
        StringBuilder command = new StringBuilder("exha chaos ");
        if (scenario != null) {
            command.append("--scenario ").append(scenario);
        } else {
            command.append(quote(runbook.toString()));
            if (topology != null) {
                command.append(" --topology ").append(quote(topology.toString()));
            }
        }
        command.append(" --replay ").append(runSeed);
        if (declineConfirmations) {
            command.append(" --decline-confirmations");
        }
        return command.toString();
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:\\\\-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("output is plain maps and lists", e);
        }
    }

    /** A row of the table: a fault kind, a step, and the runs where that fault broke that step. */
    private record Cell(String fault, int line, String step) {
    }

    /** The outcome of every run, printed. */
    private final class Report {
        private final String runbookLabel;
        private final String topologyLabel;
        private final List<Chaos.RunResult> results;
        private final Map<Cell, Integer> table = new TreeMap<>((a, b) -> a.line() != b.line()
                ? Integer.compare(a.line(), b.line()) : a.fault().compareTo(b.fault()));
        private final Map<String, Integer> invariants = new TreeMap<>();
        // kind -> {injected between statements, injected inside a step, drawn but had no target or never fired}
        private final Map<Chaos.Kind, long[]> injections = new EnumMap<>(Chaos.Kind.class);
        private long permittedLosses;
        private long unrecovered;

        Report(String runbookLabel, String topologyLabel, List<Chaos.RunResult> results) {
            this.runbookLabel = runbookLabel;
            this.topologyLabel = topologyLabel;
            this.results = results;
            for (Chaos.RunResult run : results) {
                for (Chaos.BrokenStep step : run.brokenSteps()) {
                    for (Chaos.Kind kind : step.faults().stream().distinct().toList()) {
                        table.merge(new Cell(kind.label(), step.line(), step.text()), 1, Integer::sum);
                    }
                }
                for (InvariantResult i : run.brokenInvariants()) {
                    invariants.merge(i.name(), 1, Integer::sum);
                }
                for (Chaos.Injection fault : run.faults()) {
                    long[] counts = injections.computeIfAbsent(fault.kind(), k -> new long[3]);
                    counts[fault.target() == null || fault.line() == null ? 2 : fault.during() ? 1 : 0]++;
                }
                permittedLosses += run.permittedLosses();
                unrecovered += run.unrecovered().size();
            }
        }

        void print(PrintWriter out) {
            out.println("exha chaos " + runbookLabel + "  (topology " + (topologyLabel == null ? "none"
                    : topologyLabel) + ", " + (replay != null ? "replay of run seed " + replay
                    : results.size() + " run" + (results.size() == 1 ? "" : "s") + ", master seed " + seed) + ")");
            for (Chaos.RunResult run : results) {
                out.println("run " + run.number() + "  seed " + run.runSeed() + "  "
                        + (run.failed() ? "BROKE" : "ok") + "  journal " + run.journalDigest()
                        + (run.permittedLosses() > 0 ? "  permitted losses " + run.permittedLosses() : ""));
                for (Chaos.Injection fault : run.faults()) {
                    out.println("    fault: " + fault.describe());
                }
            }
            out.println();
            out.println("Faults injected (between statements / inside a step / no target or never fired):");
            injections.forEach((kind, counts) -> out.println(String.format("  %-18s %4d / %4d / %4d", kind.label(),
                    counts[0], counts[1], counts[2])));
            if (table.isEmpty()) {
                out.println("No fault broke a step.");
            } else {
                out.println("Steps broken by faults (runs where the fault was in effect, or had been injected):");
                int width = Math.max("FAULT".length(), table.keySet().stream().mapToInt(c -> c.fault().length())
                        .max().orElse(0));
                out.println(String.format("  %-" + width + "s  %5s  %4s  %s", "FAULT", "LINE", "RUNS", "STEP"));
                table.forEach((cell, count) -> out.println(String.format("  %-" + width + "s  %5d  %4d  %s",
                        cell.fault(), cell.line(), count, cell.step().replace("\n", "; "))));
            }
            if (invariants.isEmpty()) {
                out.println("Every invariant held in every run.");
            } else {
                invariants.forEach((name, count) -> out.println("INVARIANT BROKEN in " + count + " run"
                        + (count == 1 ? "" : "s") + ": " + name));
            }
            if (unrecovered > 0) {
                out.println("NOT RECOVERED after a heal: " + unrecovered);
            }
            out.println("Permitted losses (acknowledged messages lost in unplanned failovers or /RecoverCMS recoveries, "
                    + "as the design allows): " + permittedLosses);
            List<Chaos.RunResult> failing = results.stream().filter(Chaos.RunResult::failed).toList();
            if (!failing.isEmpty()) {
                out.println();
                out.println("Failing runs (replay each with the command shown):");
                for (Chaos.RunResult run : failing) {
                    out.println("  run " + run.number() + "  seed " + run.runSeed());
                    for (Chaos.BrokenStep step : run.brokenSteps()) {
                        out.println("    line " + step.line() + " failed with " + step.error() + "  ("
                                + step.text().replace("\n", "; ") + ")");
                    }
                    for (InvariantResult i : run.brokenInvariants()) {
                        out.println("    invariant " + i.name() + ": " + i.detail());
                    }
                    for (String u : run.unrecovered()) {
                        out.println("    not recovered: " + u);
                    }
                    out.println("    " + replayCommand(run.runSeed()));
                }
            }
            out.println("Summary: " + failing.size() + " of " + results.size() + " run"
                    + (results.size() == 1 ? "" : "s") + " broke a step or an invariant"
                    + (unrecovered > 0 ? " or did not recover" : "") + "; " + invariants.values().stream()
                    .mapToInt(Integer::intValue).sum() + " invariant violations, " + permittedLosses
                    + " permitted losses.");
        }

        Map<String, Object> json() {
            Map<String, Object> root = new LinkedHashMap<>();
            if (scenario != null) {
                root.put("scenario", scenario);
            }
            root.put("runbook", runbookLabel);
            root.put("topology", topologyLabel);
            root.put("seed", replay == null ? seed : null);
            root.put("replay", replay);
            List<Object> runList = new ArrayList<>();
            for (Chaos.RunResult run : results) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("run", run.number());
                r.put("seed", run.runSeed());
                r.put("failed", run.failed());
                r.put("faults", run.faults().stream().map(f -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kind", f.kind().label());
                    m.put("target", f.target());
                    m.put("line", f.line());
                    m.put("during", f.during());
                    m.put("offsetSeconds", f.offset() == null ? null : new BigDecimal(Chaos.seconds(f.offset())));
                    m.put("healedLine", f.healedLine());
                    m.put("note", f.note());
                    return (Object) m;
                }).toList());
                r.put("brokenSteps", run.brokenSteps().stream().map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("line", s.line());
                    m.put("text", s.text());
                    m.put("error", s.error());
                    m.put("faults", s.faults().stream().map(Chaos.Kind::label).distinct().toList());
                    return (Object) m;
                }).toList());
                r.put("brokenInvariants", run.brokenInvariants().stream().map(i -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", i.name());
                    m.put("detail", i.detail());
                    return (Object) m;
                }).toList());
                r.put("unrecovered", run.unrecovered());
                r.put("permittedLosses", run.permittedLosses());
                r.put("journalDigest", run.journalDigest());
                r.put("replay", replayCommand(run.runSeed()));
                runList.add(r);
            }
            root.put("runs", runList);
            root.put("table", table.entrySet().stream().map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("fault", e.getKey().fault());
                m.put("line", e.getKey().line());
                m.put("step", e.getKey().step());
                m.put("runs", e.getValue());
                return (Object) m;
            }).toList());
            Map<String, Object> injected = new LinkedHashMap<>();
            injections.forEach((kind, counts) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("betweenStatements", counts[0]);
                m.put("insideSteps", counts[1]);
                m.put("noTarget", counts[2]);
                injected.put(kind.label(), m);
            });
            root.put("injections", injected);
            root.put("invariantsBroken", invariants);
            root.put("unrecovered", unrecovered);
            root.put("permittedLosses", permittedLosses);
            root.put("failingRuns", results.stream().filter(Chaos.RunResult::failed).count());
            return root;
        }
    }
}
