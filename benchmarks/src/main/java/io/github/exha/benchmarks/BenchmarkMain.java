package io.github.exha.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks (JMH options may be passed as arguments, e.g. a regex of benchmarks, {@code -f 1 -wi 2}) and
 * prints each write path as a ratio to the {@code System.arraycopy} baseline of the same run.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        Options options = new OptionsBuilder().parent(cli)
                .include(cli.getIncludes().isEmpty() ? "BlockDeviceWriteBenchmark|ArraycopyBaseline" : ".*")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double baseline = Double.NaN;
        List<String[]> rows = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            double opsPerSecond = result.getPrimaryResult().getScore();
            if (name.endsWith("ArraycopyBaseline.copy")) {
                baseline = opsPerSecond;
            }
            String path = result.getParams().getParam("path");
            rows.add(new String[] {path == null ? "arraycopy (baseline)" : path, Double.toString(opsPerSecond)});
        }
        System.out.println();
        System.out.println("64 KiB sequential writes            writes/s      MiB/s   ratio to arraycopy");
        for (String[] row : rows) {
            double ops = Double.parseDouble(row[1]);
            System.out.println(String.format(Locale.ROOT, "%-32s %12.0f %10.1f %10.3f", row[0], ops,
                    ops * BlockDeviceWriteBenchmark.WRITE_BYTES / (1 << 20), ops / baseline));
        }
    }
}
