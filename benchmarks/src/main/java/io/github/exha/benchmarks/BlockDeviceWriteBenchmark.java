package io.github.exha.benchmarks;

import io.github.exha.cluster.storage.LabStorageContext;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential 64 KiB writes through the {@code sim} plugin's {@link BlockDevice}: an unreplicated LUN, the source of a
 * SYNC pair and of an ASYNC pair. For the replicated paths each write is followed by running virtual time until the
 * world is idle, so the figure includes shipping, applying and acknowledging it. {@link ArraycopyBaseline} copies the
 * same bytes into a buffer of the same size: the ratio of the two is what BENCHMARKS.md records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BlockDeviceWriteBenchmark {
    /** The size of each write. */
    public static final int WRITE_BYTES = 64 * 1024;
    /** The LUN (and baseline buffer) size the writes cycle through. */
    public static final long LUN_BYTES = 256L << 20;

    /** Which write path. */
    @Param({"UNREPLICATED", "SYNC", "ASYNC"})
    public String path;

    private final byte[] data = new byte[WRITE_BYTES];
    private BlockDevice device;
    private Kernel kernel;
    private boolean replicated;
    private long offset;

    /** Builds two arrays, a LUN on each, and for the replicated paths a link and an enabled group. */
    @Setup
    public void setUp() {
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        kernel = Kernel.create("bench", 1, Instant.parse("2008-03-01T00:00:00Z"));
        StorageProvider sim = StorageProviders.find(getClass().getClassLoader(), "sim");
        StorageArray main = sim.createArray(ArraySpec.of("SAN-MAIN", "Production", "MAIN-01", 1L << 40),
                new LabStorageContext(kernel, "SAN-MAIN"));
        StorageArray dr = sim.createArray(ArraySpec.of("SAN-DR", "DR", "DR-01", 1L << 40),
                new LabStorageContext(kernel, "SAN-DR"));
        main.addHost(new HostSpec("NODE1", List.of("iqn.2008-03.com.contoso:node1")));
        main.createLun(LunSpec.of("DB", LUN_BYTES));
        main.present("DB", "NODE1");
        replicated = !path.equals("UNREPLICATED");
        if (replicated) {
            dr.createLun(LunSpec.of("DB", LUN_BYTES));
            // A metro link: 1 ms one way, 1 Gbit/s.
            main.connect(dr, new LinkSpec("LINK", Duration.ofMillis(1), 125_000_000L));
            ConsistencyGroup group = main.createConsistencyGroup(new GroupSpec("CG", ReplicationMode.valueOf(path),
                    "SAN-DR", "LINK"));
            group.addPair("DB", "DB");
            group.enable();
            kernel.scheduler().runUntilIdle();
        }
        device = main.open("DB", "NODE1");
    }

    /** One 64 KiB write, acknowledged (and for replicated paths, applied on the target). */
    @Benchmark
    public CompletableFuture<Void> write() {
        CompletableFuture<Void> ack = device.write(offset, data, 0, WRITE_BYTES);
        if (replicated) {
            kernel.scheduler().runUntilIdle();
        }
        offset = (offset + WRITE_BYTES) % LUN_BYTES;
        return ack;
    }
}
