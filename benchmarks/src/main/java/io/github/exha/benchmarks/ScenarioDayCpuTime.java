package io.github.exha.benchmarks;

import io.github.exha.core.Lab;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.runbook.RunbookParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A development aid for a loaded machine, like {@link HoldModelCpuTime}: {@link ScenarioDayBenchmark}'s simulated day
 * timed in thread CPU time as well as wall time, several days one after the other in one JVM (the first ones warm the
 * JIT), each in a fresh lab, with the journal digest of each (the same every time: a check that optimisations keep the
 * semantics). Not a replacement for the JMH figure; run with
 * {@code java -Xms6g -Xmx6g -cp benchmarks/target/benchmarks.jar io.github.exha.benchmarks.ScenarioDayCpuTime 3}.
 */
public final class ScenarioDayCpuTime {
    private ScenarioDayCpuTime() {
    }

    /** Entry point; an optional argument is the number of days (default 3), a second the seconds of a day. */
    public static void main(String[] args) {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : ScenarioDayBenchmark.SIMULATED_SECONDS;
        String topology = ScenarioDayBenchmark.resource(ScenarioDayBenchmark.TOPOLOGY);
        Runbook day = RunbookParser.parse("day.ps1", "Start-Sleep -Seconds " + seconds + "\n");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Lab lab = null;
        for (int i = 1; i <= days; i++) {
            // As the benchmark does: the previous day's lab is collected before the next is built, not during its day.
            lab = null;
            System.gc();
            lab = ScenarioDayBenchmark.labWithScr(topology);
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            ScenarioDayBenchmark.check(lab.run(day, RunOptions.defaults()), "the day");
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            System.out.printf(Locale.ROOT, "day %d: %,d simulated s in %.2f s of thread CPU, %.2f s wall (%,.0f simulated"
                    + " s per wall s); journal digest %s%n", i, seconds, cpu / 1e9, wall / 1e9, seconds * 1e9 / wall,
                    lab.journal().digest());
        }
    }
}
