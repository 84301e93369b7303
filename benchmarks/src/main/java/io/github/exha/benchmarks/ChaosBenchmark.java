package io.github.exha.benchmarks;

import io.github.exha.examples.cli.ExhaCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9 item 4: how many runs per minute {@code exha chaos --scenario NAME} makes, in-process through the CLI
 * ({@link ExhaCli#execute}, as {@code exha chaos --scenario NAME --runs 4 --seed S}), output discarded. Each invocation is
 * {@value #RUNS} runs under the next master seed, so every run draws another fault plan.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MINUTES)
@Warmup(iterations = 2, time = 20)
@Measurement(iterations = 3, time = 30)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ChaosBenchmark {
    /** Chaos runs per invocation. */
    public static final int RUNS = 4;

    /** The scenario. */
    @Param({"seed-003-scr-failover-failback"})
    public String scenario;

    private long seed;

    /** {@value #RUNS} chaos runs; the score is runs per minute. */
    @Benchmark
    @OperationsPerInvocation(RUNS)
    public int chaos() {
        seed++;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ExhaCli.execute(new String[] {"chaos", "--scenario", scenario, "--runs", Integer.toString(RUNS),
            "--seed", Long.toString(seed), "--format", "json"}, new PrintWriter(out), new PrintWriter(err));
        if (code != ExhaCli.OK && code != ExhaCli.FAILED) {
            throw new IllegalStateException("exha chaos exited " + code + ": " + err);
        }
        return code;
    }
}
