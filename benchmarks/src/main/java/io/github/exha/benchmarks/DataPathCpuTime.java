package io.github.exha.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A development aid for a loaded machine, like {@link HoldModelCpuTime}: the filesystem write path (issue 9 item 2),
 * the log path (item 3) and their {@code System.arraycopy} baseline timed in thread CPU time, best of five rounds, so time the thread spends
 * descheduled does not count. Not a replacement for the JMH figures; run with {@code java -Xms2g -Xmx2g -cp
 * benchmarks/target/benchmarks.jar io.github.exha.benchmarks.DataPathCpuTime} ({@code --no-log-path}: item 2 only).
 */
public final class DataPathCpuTime {
    private static final int OPERATIONS = 20_000;

    private DataPathCpuTime() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        ArraycopyBaseline copy = new ArraycopyBaseline();
        copy.setUp();
        double baseline = best(() -> copy.copy().length);
        print("arraycopy 64 KiB", baseline, baseline);
        for (String mode : new String[] {"OVERWRITE", "APPEND"}) {
            FileSystemWriteBenchmark fs = new FileSystemWriteBenchmark();
            fs.mode = mode;
            fs.setUp();
            print("filesystem " + mode, best(() -> fs.write().isDone() ? 1 : 0), baseline);
        }
        if (args.length > 0 && args[0].equals("--no-log-path")) {
            return;
        }
        // The log path: a fresh lab per round (not timed), the catch-up timed; per log, against copying its bytes.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestPerLog = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            LogPathBenchmark logs = new LogPathBenchmark();
            logs.setUp();
            long start = threads.getCurrentThreadCpuTime();
            logs.catchUp();
            double perLog = (threads.getCurrentThreadCpuTime() - start) / (double) LogPathBenchmark.BACKLOG_LOGS;
            if (round >= 2) {
                bestPerLog = Math.min(bestPerLog, perLog);
            }
        }
        print("log path, per log", bestPerLog, baseline * LogPathBenchmark.SHIPPED_BYTES_PER_LOG
                / BlockDeviceWriteBenchmark.WRITE_BYTES);
    }

    private static void print(String what, double nanos, double baseline) {
        System.out.println(String.format(Locale.ROOT, "%-24s %10.0f ns/op %8.3f x arraycopy", what, nanos,
                baseline / nanos));
    }

    /** The best of five rounds of {@value #OPERATIONS} operations after three warm-up rounds, ns per operation. */
    private static double best(java.util.function.IntSupplier operation) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < OPERATIONS; i++) {
                sink += operation.getAsInt();
            }
            if (round >= 3) {
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / (double) OPERATIONS);
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return best;
    }
}
