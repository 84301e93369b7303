package io.github.exha.benchmarks;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.storage.LabStorageContext;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;
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
 * Issue 9, item 2: the block path extended through a host's filesystem. Sequential 64 KiB writes to one file through
 * {@link Volume#write} (path lookup, cluster placement, copy on write, journal record, file-table update) on a
 * {@code sim} LUN found through {@code ServiceLoader}, as a host mounts it. {@code OVERWRITE} cycles through a
 * 256 MiB file that already exists at its full size (a database file: every write is copy on write, so it maps new
 * clusters and frees the old ones); {@code APPEND} grows a file by 64 KiB per write, starting a new file every
 * 256 MiB (a log stream). {@link ArraycopyBaseline} copies the same 64 KiB: the ratio of the two is the figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FileSystemWriteBenchmark {
    /** The file size the writes cycle through. */
    static final long FILE_BYTES = 256L << 20;
    /** Room for the file, a second copy of it while the copy-on-write cursor sweeps the volume, and metadata. */
    private static final long LUN_BYTES = 640L << 20;
    private static final int WRITE_BYTES = BlockDeviceWriteBenchmark.WRITE_BYTES;

    /** How the file is written. */
    @Param({"OVERWRITE", "APPEND"})
    public String mode;

    private final byte[] data = new byte[WRITE_BYTES];
    private Volume volume;
    private boolean append;
    private long offset;
    private int files;
    private String path;

    /** Formats and mounts a volume on a fresh LUN; for OVERWRITE, writes the file once at its full size. */
    @Setup
    public void setUp() {
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Kernel kernel = Kernel.create("bench", 1, Instant.parse("2008-03-01T00:00:00Z"));
        StorageProvider sim = StorageProviders.find(getClass().getClassLoader(), "sim");
        StorageArray array = sim.createArray(ArraySpec.of("SAN", "Production", "SAN-01", 1L << 40),
                new LabStorageContext(kernel, "SAN"));
        array.addHost(new HostSpec("EX1", List.of("iqn.2008-03.com.contoso:ex1")));
        array.createLun(LunSpec.of("DATA", LUN_BYTES));
        array.present("DATA", "EX1");
        BlockDevice device = array.open("DATA", "EX1");
        // A thick LUN: every chunk written once, so the figure is the steady state (the baseline's buffer is
        // touched too) rather than the thin LUN's first allocation of each chunk.
        for (long at = 0; at < LUN_BYTES; at += WRITE_BYTES) {
            device.write(at, data, 0, WRITE_BYTES);
        }
        Volume.format(device, "DATA").join();
        volume = Volume.mount(device);
        volume.createDirectory("\\DB").join();
        append = mode.equals("APPEND");
        path = nextFile();
        if (!append) {
            for (long at = 0; at < FILE_BYTES; at += WRITE_BYTES) {
                volume.write(path, at, data, 0, WRITE_BYTES).join();
            }
        }
    }

    private String nextFile() {
        String name = "\\DB\\file" + files++ + ".dat";
        volume.createFile(name).join();
        return name;
    }

    /** One 64 KiB write, acknowledged by the LUN and committed to the volume's journal. */
    @Benchmark
    public CompletableFuture<Void> write() {
        CompletableFuture<Void> done = volume.write(path, offset, data, 0, WRITE_BYTES);
        offset += WRITE_BYTES;
        if (offset == FILE_BYTES) {
            offset = 0;
            if (append) {
                // A new file and the old one deleted, so the volume never fills.
                String previous = path;
                path = nextFile();
                volume.delete(previous);
            }
        }
        return done;
    }
}
