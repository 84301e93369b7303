package io.github.exha.benchmarks;

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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SSJ's doubly linked event list in the hold model (see {@link HoldModel}), at the small size only: its
 * insertion scans the list, so larger sets would take minutes to fill. Reported with {@link HoldModelBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HoldModelSmallBenchmark {
    /** Pending events. */
    @Param({"100"})
    public int size;

    /** Which event set. */
    @Param({"SSJ_DOUBLY_LINKED"})
    public String contestant;

    private HoldModel model;

    /** Fills the pending set and runs it into its steady state (one hold per pending event). */
    @Setup
    public void setUp() {
        model = HoldModel.of(contestant);
        model.prefill(size);
        for (int i = 0; i < size; i++) {
            model.hold();
        }
    }

    /** {@value HoldModel#HOLDS_PER_INVOCATION} holds. */
    @Benchmark
    @OperationsPerInvocation(HoldModel.HOLDS_PER_INVOCATION)
    public double hold() {
        double now = 0;
        for (int i = 0; i < HoldModel.HOLDS_PER_INVOCATION; i++) {
            now = model.hold();
        }
        return now;
    }
}
