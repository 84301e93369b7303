package io.github.exha.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks (JMH options may be passed as arguments, e.g. a regex of benchmarks, {@code -f 1 -wi 2}) and
 * prints each result as a ratio to its baseline of the same run: write paths to {@code System.arraycopy}, the
 * kernel's hold model to SSJ's best event list and to a bare {@code PriorityQueue}, the filesystem and log paths
 * (issue 9 items 2-3) to {@code System.arraycopy} of the same bytes; the scenario benchmarks as simulated seconds per
 * wall second (a day of the seed 003 topology) and chaos runs per minute. {@code memory} as the first argument prints
 * the retained heap per mailbox, storage group, message and log ({@link MemoryFootprint}) instead; {@code week} runs
 * {@link WeekOfMail}. Without a benchmark pattern, the run ends with the memory table measured in a JVM of its own
 * (item 5), so one command gives all five of issue 9's benchmarks.
 */
public final class BenchmarkMain {
    /** Issue 9's targets for the kernel in the hold model. */
    private static final double TARGET_VS_SSJ = 1.0;
    private static final double TARGET_VS_PRIORITY_QUEUE = 1.5;

    private BenchmarkMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        // Issue 8 and issue 9 item 5: heap measurements are not JMH benchmarks (one lab, full collections between
        // samples), so they run on their own: "memory" prints the footprint table, "week" runs WeekOfMail.
        if (args.length > 0 && args[0].equals("memory")) {
            MemoryFootprint.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("week")) {
            WeekOfMail.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        boolean everything = cli.getIncludes().isEmpty();
        if (everything) {
            options.include("BlockDeviceWriteBenchmark|ArraycopyBaseline|HoldModel"
                    // ---- issue 9 items 2-3 (data path) ----
                    + "|FileSystemWriteBenchmark|LogPathBenchmark"
                    // ---- end data path ----
                    + "|ScenarioDayBenchmark|ChaosBenchmark");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        printWritePaths(results);
        printHoldModel(results);
        // ---- issue 9 items 2-3 (data path) ----
        printDataPath(results);
        // ---- end data path ----
        printScenarios(results);
        if (everything) {
            forkMemoryFootprint();
        }
    }

    /**
     * Item 5 in a fresh JVM with a heap of its own: the footprint is read after full collections, which the JMH runner's
     * own heap (results, the benchmark list) would blur, and like a JMH fork it must not inherit the state of the runs
     * before it.
     */
    private static void forkMemoryFootprint() {
        System.out.println();
        System.out.println("Memory (issue 9 item 5), in a JVM of its own (-Xmx2g):");
        System.out.flush();
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            Process process = new ProcessBuilder(java, "-Xmx2g", "-cp", classPath, MemoryFootprint.class.getName())
                    .inheritIO().start();
            int exit = process.waitFor();
            if (exit != 0) {
                System.out.println("the memory footprint run failed (exit " + exit + ")");
            }
        } catch (IOException | URISyntaxException e) {
            System.out.println("the memory footprint run could not start: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- scenarios (issue 9 item 4) ----

    private static void printScenarios(Collection<RunResult> results) {
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            if (name.endsWith("ScenarioDayBenchmark.day")) {
                double seconds = result.getPrimaryResult().getScore();
                System.out.println();
                System.out.println(String.format(Locale.ROOT, "A simulated day of %s: %.2f s wall (± %.2f),"
                        + " %,.0f simulated seconds per wall second; target a day in < %.0f s: %s",
                        ScenarioDayBenchmark.TOPOLOGY, seconds, result.getPrimaryResult().getScoreError(),
                        ScenarioDayBenchmark.SIMULATED_SECONDS / seconds, ScenarioDayBenchmark.TARGET_SECONDS,
                        seconds < ScenarioDayBenchmark.TARGET_SECONDS ? "met" : "MISSED"));
            } else if (name.endsWith("ChaosBenchmark.chaos")) {
                System.out.println();
                System.out.println(String.format(Locale.ROOT, "exha chaos --scenario %s: %.1f runs per minute (± %.1f)",
                        result.getParams().getParam("scenario"), result.getPrimaryResult().getScore(),
                        result.getPrimaryResult().getScoreError()));
            }
        }
    }

    // ---- issue 9 items 2-3 (data path) -----------------------------------------------------------------------------

    /** Item 2: no target of its own; the raw LUN's target of issue 3 (at least half of arraycopy) is carried over. */
    private static final double TARGET_FILESYSTEM = 0.5;
    /** Item 3: MB of transaction log per second through copy + inspect + replay, at least a quarter of arraycopy. */
    private static final double TARGET_LOG_PATH = 0.25;

    private static void printDataPath(Collection<RunResult> results) {
        double copiesPerSecond = Double.NaN;
        Map<String, Double> filesystem = new TreeMap<>();
        double shotMillis = Double.NaN;
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double score = result.getPrimaryResult().getScore();
            if (name.endsWith("ArraycopyBaseline.copy")) {
                copiesPerSecond = score;
            } else if (name.endsWith("FileSystemWriteBenchmark.write")) {
                filesystem.put(result.getParams().getParam("mode"), score);
            } else if (name.endsWith("LogPathBenchmark.catchUp")) {
                shotMillis = score;
            }
        }
        if (filesystem.isEmpty() && Double.isNaN(shotMillis)) {
            return;
        }
        double copyBytesPerSecond = copiesPerSecond * BlockDeviceWriteBenchmark.WRITE_BYTES;
        System.out.println();
        System.out.println("Data path (issue 9 items 2-3), ratio to System.arraycopy of the same bytes in this run"
                + (Double.isNaN(copiesPerSecond) ? " (no ArraycopyBaseline in this run: include it)" : ""));
        System.out.println("path                                         MiB/s   ratio   target");
        for (Map.Entry<String, Double> entry : filesystem.entrySet()) {
            double mibPerSecond = entry.getValue() * BlockDeviceWriteBenchmark.WRITE_BYTES / (1 << 20);
            double ratio = entry.getValue() * BlockDeviceWriteBenchmark.WRITE_BYTES / copyBytesPerSecond;
            System.out.println(String.format(Locale.ROOT, "%-40s %10.1f %7.3f   >= %.2f %s",
                    "filesystem 64 KiB writes, " + entry.getKey(), mibPerSecond, ratio, TARGET_FILESYSTEM,
                    verdict(ratio, TARGET_FILESYSTEM)));
        }
        if (!Double.isNaN(shotMillis)) {
            double logsPerSecond = LogPathBenchmark.BACKLOG_LOGS / (shotMillis / 1000);
            // The unit: MB of transaction log, a 2007 log being 1 MiB.
            double logBytes = logsPerSecond * LogPathBenchmark.LOG_BYTES;
            double ratio = logBytes / copyBytesPerSecond;
            System.out.println(String.format(Locale.ROOT, "%-40s %10.1f %7.3f   >= %.2f %s",
                    "log path, MiB of log (" + Math.round(logsPerSecond) + " logs/s)", logBytes / (1 << 20), ratio,
                    TARGET_LOG_PATH, verdict(ratio, TARGET_LOG_PATH)));
            // Stricter: only the bytes the sparse simulated log file holds and the copier moves.
            double shipped = logsPerSecond * LogPathBenchmark.SHIPPED_BYTES_PER_LOG;
            System.out.println(String.format(Locale.ROOT, "%-40s %10.1f %7.3f   (no target)",
                    "log path, bytes shipped (64 KiB per log)", shipped / (1 << 20), shipped / copyBytesPerSecond));
        }
    }

    // ---- end data path ---------------------------------------------------------------------------------------------

    private static void printWritePaths(Collection<RunResult> results) {
        double baseline = Double.NaN;
        List<String[]> rows = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            if (!name.endsWith("ArraycopyBaseline.copy") && !name.endsWith("BlockDeviceWriteBenchmark.write")) {
                continue;
            }
            double opsPerSecond = result.getPrimaryResult().getScore();
            if (name.endsWith("ArraycopyBaseline.copy")) {
                baseline = opsPerSecond;
            }
            String path = result.getParams().getParam("path");
            rows.add(new String[] {path == null ? "arraycopy (baseline)" : path, Double.toString(opsPerSecond)});
        }
        if (rows.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("64 KiB sequential writes            writes/s      MiB/s   ratio to arraycopy");
        for (String[] row : rows) {
            double ops = Double.parseDouble(row[1]);
            System.out.println(String.format(Locale.ROOT, "%-32s %12.0f %10.1f %10.3f", row[0], ops,
                    ops * BlockDeviceWriteBenchmark.WRITE_BYTES / (1 << 20), ops / baseline));
        }
    }

    private static void printHoldModel(Collection<RunResult> results) {
        // size -> contestant -> events/s
        Map<Integer, Map<String, double[]>> bySize = new TreeMap<>();
        for (RunResult result : results) {
            if (!result.getParams().getBenchmark().contains(".HoldModel")) {
                continue;
            }
            int size = Integer.parseInt(result.getParams().getParam("size"));
            bySize.computeIfAbsent(size, s -> new TreeMap<>()).put(result.getParams().getParam("contestant"),
                    new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
        }
        if (bySize.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Hold model, events/s (± 99.9 % error)");
        for (Map.Entry<Integer, Map<String, double[]>> entry : bySize.entrySet()) {
            System.out.println(String.format(Locale.ROOT, "  %,d pending", entry.getKey()));
            for (Map.Entry<String, double[]> contestant : entry.getValue().entrySet()) {
                System.out.println(String.format(Locale.ROOT, "    %-20s %,14.0f ± %,12.0f", contestant.getKey(),
                        contestant.getValue()[0], contestant.getValue()[1]));
            }
        }
        System.out.println();
        System.out.println("pending    kernel/s   best SSJ list         SSJ/s  kernel:SSJ (>= 1.0)    PQ/s   kernel:PQ (>= 1.5)");
        for (Map.Entry<Integer, Map<String, double[]>> entry : bySize.entrySet()) {
            Map<String, double[]> scores = entry.getValue();
            String bestSsj = null;
            for (Map.Entry<String, double[]> contestant : scores.entrySet()) {
                if (contestant.getKey().startsWith("SSJ_")
                        && (bestSsj == null || contestant.getValue()[0] > scores.get(bestSsj)[0])) {
                    bestSsj = contestant.getKey();
                }
            }
            double kernel = score(scores, "KERNEL");
            double ssj = score(scores, bestSsj);
            double queue = score(scores, "PRIORITY_QUEUE");
            System.out.println(String.format(Locale.ROOT, "%,9d %11.0f   %-18s %11.0f   %6.2f %-6s %11.0f   %6.2f %s",
                    entry.getKey(), kernel, bestSsj == null ? "-" : bestSsj.substring(4), ssj, kernel / ssj,
                    verdict(kernel / ssj, TARGET_VS_SSJ), queue, kernel / queue,
                    verdict(kernel / queue, TARGET_VS_PRIORITY_QUEUE)));
        }
    }

    private static double score(Map<String, double[]> scores, String contestant) {
        double[] score = contestant == null ? null : scores.get(contestant);
        return score == null ? Double.NaN : score[0];
    }

    private static String verdict(double ratio, double target) {
        return Double.isNaN(ratio) ? "" : ratio >= target ? "met" : "MISSED";
    }
}
