package io.github.exha.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.exha.availability.AvailabilityEstimator;
import io.github.exha.availability.EstimateSettings;
import io.github.exha.availability.FailoverCalibration;
import io.github.exha.availability.Metric;
import io.github.exha.availability.MetricEstimate;
import io.github.exha.availability.TopologyEstimate;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.error.ExhaException;
import io.github.exha.examples.ExamplesModule;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code exha estimate --topology FILE...}: availability planning by Monte Carlo, designs side by side. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = {"Estimate the availability of the designs the topologies declare (SCC, CCR, SCR, SAN-replicated"
                + " sites) by Monte Carlo over the failure and repair distributions of their nodes, disks, arrays, links"
                + " and sites (the topology's reliability: section, else documented defaults), following each design's"
                + " outage semantics: availability (nines), downtime per year, outages per year, RTO and RPO percentiles"
                + " (p50 / p95 / p99) and messages lost per year, each with a 95 %% confidence interval. Several"
                + " topologies are compared side by side.",
            "The automatic failover time is measured first by crashing the active node in a lab of each topology"
                + " (--no-calibrate skips it). Trials run on --threads threads with seeds split per trial: the same"
                + " seed gives the same numbers whatever the thread count.",
            "Exit 0 on success, 2 for a topology or option error."})
final class EstimateCommand implements Callable<Integer> {
    /** How {@code exha estimate} prints. */
    enum Format {
        /** A side-by-side table for people. */
        TEXT,
        /** One row per topology and metric. */
        CSV,
        /** One object. */
        JSON
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--topology", paramLabel = "FILE", arity = "1..*", required = true,
            description = "The topologies (YAML) to estimate and compare.")
    List<Path> topologies;

    @Option(names = "--years", paramLabel = "Y", defaultValue = "10",
            description = "Years of service each trial covers (default 10).")
    double years;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "2000", description = "Trials per topology (default 2000).")
    int trials;

    @Option(names = "--threads", paramLabel = "K",
            description = "Threads running the trials (default: the number of processors); results do not depend on it.")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The master seed (default 1).")
    long seed;

    @Option(names = "--format", paramLabel = "text|csv|json", defaultValue = "text",
            description = "Output: text (default), csv or json.")
    Format format;

    @Option(names = "--no-calibrate",
            description = "Do not measure the failover time in the simulator; use the declared or default one.")
    boolean noCalibrate;

    /** One topology's estimate with what its calibration said. */
    private record Row(TopologyEstimate estimate, String calibration) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        List<Row> rows = new ArrayList<>();
        try {
            EstimateSettings settings = new EstimateSettings(years, trials, threadCount, seed);
            List<Lab> labs = new ArrayList<>();
            for (Path topology : topologies) {
                // Building the lab validates the whole topology, cross-references included, before any trial runs.
                labs.add(ExamplesModule.createLab(LabSpec.of(TopologySource.file(topology))));
            }
            try (ProgressBar bar = progressBar((long) trials * topologies.size())) {
                Runnable step = bar == null ? () -> { } : bar::step;
                for (Lab lab : labs) {
                    String calibration = "not measured (--no-calibrate)";
                    java.util.Optional<java.time.Duration> failover = java.util.Optional.empty();
                    if (!noCalibrate) {
                        if (bar != null) {
                            bar.setExtraMessage(" calibrating " + lab.topology().name());
                        }
                        FailoverCalibration.Result result = FailoverCalibration.measure(lab);
                        failover = result.failover();
                        calibration = result.note();
                    }
                    if (bar != null) {
                        bar.setExtraMessage(" " + lab.topology().name());
                    }
                    rows.add(new Row(AvailabilityEstimator.estimate(lab.topology(), failover, settings, step), calibration));
                }
            }
        } catch (ExhaException e) {
            err.println(e.describe());
            return ExhaCli.USAGE;
        }
        switch (format) {
            case TEXT -> printText(out, rows, threadCount);
            case CSV -> printCsv(out, rows);
            case JSON -> out.println(json(rows));
        }
        return ExhaCli.OK;
    }

    /** A bar on the terminal's standard error, only for text output on a terminal (never in a pipe or a test). */
    private ProgressBar progressBar(long total) {
        if (format != Format.TEXT || System.console() == null) {
            return null;
        }
        PrintStream stderr = System.err;
        return new ProgressBarBuilder().setTaskName("estimate").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(stderr)).setUpdateIntervalMillis(200).build();
    }

    private void printText(PrintWriter out, List<Row> rows, int threadCount) {
        out.printf(Locale.ROOT, "exha estimate: %s years x %d trials per topology, seed %d, %d thread%s; %d %% confidence"
                + " intervals [low, high]%n%n", plain(years), trials, seed, threadCount, threadCount == 1 ? "" : "s",
                Math.round(EstimateSettings.CONFIDENCE * 100));
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(""));
        rows.forEach(r -> header.add(r.estimate().name()));
        table.add(header);
        for (Metric metric : Metric.values()) {
            List<String> line = new ArrayList<>(List.of(label(metric)));
            rows.forEach(r -> line.add(cell(r.estimate().metric(metric))));
            table.add(line);
        }
        List<String> outages = new ArrayList<>(List.of("outages observed"));
        rows.forEach(r -> outages.add(Long.toString(r.estimate().outages())));
        table.add(outages);
        int[] widths = new int[header.size()];
        table.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        for (List<String> line : table) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String format = i == 0 ? "%-" + widths[i] + "s" : "   %" + widths[i] + "s";
                text.append(String.format(Locale.ROOT, format, line.get(i)));
            }
            out.println(text.toString().stripTrailing());
        }
        out.println();
        for (Row row : rows) {
            out.println(row.estimate().name() + " (" + row.estimate().topology() + "): " + row.estimate().design());
            out.println("  failover: " + row.estimate().failover() + "; " + row.calibration());
        }
    }

    private static String label(Metric metric) {
        return switch (metric) {
            case AVAILABILITY -> "availability %";
            case NINES -> "nines";
            case DOWNTIME_PER_YEAR -> "downtime per year (min)";
            case OUTAGES_PER_YEAR -> "outages per year";
            case RTO_P50 -> "RTO p50 (min)";
            case RTO_P95 -> "RTO p95 (min)";
            case RTO_P99 -> "RTO p99 (min)";
            case RPO_P50 -> "RPO p50 (s)";
            case RPO_P95 -> "RPO p95 (s)";
            case RPO_P99 -> "RPO p99 (s)";
            case MESSAGES_LOST_PER_YEAR -> "messages lost per year";
        };
    }

    private static String cell(MetricEstimate m) {
        if (Double.isNaN(m.estimate())) {
            return "(no outage)";
        }
        return number(m.metric(), m.estimate()) + " [" + number(m.metric(), m.low()) + ", " + number(m.metric(), m.high()) + "]";
    }

    private static String number(Metric metric, double value) {
        if (Double.isInfinite(value)) {
            return "inf";
        }
        return switch (metric) {
            case AVAILABILITY -> String.format(Locale.ROOT, "%.5f", value);
            case NINES -> String.format(Locale.ROOT, "%.2f", value);
            case DOWNTIME_PER_YEAR, OUTAGES_PER_YEAR, RTO_P50, RTO_P95, RTO_P99, RPO_P50, RPO_P95, RPO_P99,
                    MESSAGES_LOST_PER_YEAR -> value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                            : String.format(Locale.ROOT, "%.2f", value);
        };
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void printCsv(PrintWriter out, List<Row> rows) {
        out.println("topology,name,metric,unit,estimate,low,high");
        for (Row row : rows) {
            TopologyEstimate e = row.estimate();
            for (MetricEstimate m : e.metrics()) {
                out.println(String.join(",", csv(e.topology()), csv(e.name()), m.metric().key(), m.metric().unit(),
                        csvNumber(m.estimate()), csvNumber(m.low()), csvNumber(m.high())));
            }
        }
    }

    private static String csv(String text) {
        return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** Full precision; empty when there is nothing (NaN) or no bound (infinite). */
    private static String csvNumber(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }

    private String json(List<Row> rows) {
        // No thread count here: the output of a seed is the same whatever the threads, byte for byte.
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("years", years);
        root.put("trials", trials);
        root.put("seed", seed);
        root.put("confidence", EstimateSettings.CONFIDENCE);
        List<Object> list = new ArrayList<>();
        for (Row row : rows) {
            TopologyEstimate e = row.estimate();
            Map<String, Object> topology = new LinkedHashMap<>();
            topology.put("topology", e.topology());
            topology.put("name", e.name());
            topology.put("design", e.design());
            topology.put("failover", e.failover());
            topology.put("calibration", row.calibration());
            topology.put("outages", e.outages());
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (MetricEstimate m : e.metrics()) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("estimate", finite(m.estimate()));
                value.put("low", finite(m.low()));
                value.put("high", finite(m.high()));
                value.put("unit", m.metric().unit());
                metrics.put(m.metric().key(), value);
            }
            topology.put("metrics", metrics);
            list.add(topology);
        }
        root.put("topologies", list);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("output is plain maps and lists", e);
        }
    }

    /** JSON has no NaN or infinity: null stands for "nothing observed" or "no bound". */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
