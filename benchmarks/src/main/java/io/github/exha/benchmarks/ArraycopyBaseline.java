package io.github.exha.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The baseline for write paths: {@code System.arraycopy} of 64 KiB, sequentially through a 256 MiB buffer. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ArraycopyBaseline {
    private final byte[] data = new byte[BlockDeviceWriteBenchmark.WRITE_BYTES];
    private byte[] target;
    private int offset;

    /** Allocates and touches the target buffer so page faults are not measured. */
    @Setup
    public void setUp() {
        target = new byte[(int) BlockDeviceWriteBenchmark.LUN_BYTES];
        for (int i = 0; i < target.length; i += 4096) {
            target[i] = 1;
        }
    }

    /** One 64 KiB copy. */
    @Benchmark
    public byte[] copy() {
        System.arraycopy(data, 0, target, offset, data.length);
        offset = (offset + data.length) % target.length;
        return target;
    }
}
