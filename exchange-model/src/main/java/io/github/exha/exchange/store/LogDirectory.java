package io.github.exha.exchange.store;

import io.github.exha.cluster.fs.DirectoryEntry;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.RandomAccess;

/**
 * The log folder of one log stream on a volume: which generations it holds and the paths of its files. The
 * replication service lists closed generations here to ship them; tests and eseutil-like reports read them.
 */
public final class LogDirectory {
    private final Volume volume;
    private final String folder;
    private final LogPrefix prefix;
    private final LogFormat format;
    /** The current and pre-created logs' paths, built on first use: the store names them at every roll. */
    private String currentPath;
    private String temporaryPath;

    /**
     * The stream {@code prefix} in {@code folder} ({@code \Logs\SG1}, inside the volume).
     *
     * @param volume the volume the folder is on
     * @param folder the folder's path inside the volume, starting with {@code \}
     * @param prefix the stream's base name
     * @param format the log format
     */
    public LogDirectory(Volume volume, String folder, LogPrefix prefix, LogFormat format) {
        this.volume = Objects.requireNonNull(volume, "volume");
        this.folder = Objects.requireNonNull(folder, "folder");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * The stream in the Windows folder {@code L:\Logs\SG1} of {@code host}.
     *
     * @throws io.github.exha.core.error.ExhaException the path errors of {@link Host#resolve(String)}
     */
    public static LogDirectory on(Host host, String windowsFolder, LogPrefix prefix, LogFormat format) {
        WindowsPath path = host.resolve(windowsFolder);
        return new LogDirectory(path.volume(), path.path(), prefix, format);
    }

    /** The volume. */
    public Volume volume() {
        return volume;
    }

    /** The folder inside the volume. */
    public String folder() {
        return folder;
    }

    /** The stream's base name. */
    public LogPrefix prefix() {
        return prefix;
    }

    /** The log format. */
    public LogFormat format() {
        return format;
    }

    /** The path of {@code fileName} in the folder. */
    public String path(String fileName) {
        return folder.endsWith("\\") ? folder + fileName : folder + "\\" + fileName;
    }

    /** The path of closed generation {@code generation}. */
    public String generationPath(long generation) {
        return path(format.generationName(prefix, generation));
    }

    /** The path of the current log, {@code E00.log}. */
    public String currentPath() {
        if (currentPath == null) {
            currentPath = path(format.currentName(prefix));
        }
        return currentPath;
    }

    /** The path of the pre-created next log, {@code E00tmp.log}. */
    public String temporaryPath() {
        if (temporaryPath == null) {
            temporaryPath = path(format.temporaryName(prefix));
        }
        return temporaryPath;
    }

    /** The paths of the two reserve logs. */
    public List<String> reservePaths() {
        return format.reserveNames(prefix).stream().map(this::path).toList();
    }

    /** Whether the folder exists. */
    public boolean exists() {
        return volume.isDirectory(folder);
    }

    /**
     * The generations of the closed logs in the folder, ascending; empty when the folder does not exist. The volume
     * keeps the list, brought up to date as files of the folder are added, removed or renamed, and {@code contains}
     * is a binary search: the replication service asks several times a second of every copy, of folders that hold a day's logs.
     */
    public List<Long> closedGenerations() {
        if (!exists()) {
            return List.of();
        }
        // Kept up to date from the names added and removed: a folder gains a log at a time, up to a day's thousands.
        return volume.fromFileNames(folder, new Generations(prefix, format),
                names -> new SortedGenerations(generations(names)),
                (before, added, removed) -> before.with(generations(added), generations(removed)));
    }

    /** The generations the names carry, ascending (names of other files left out). */
    private long[] generations(List<String> names) {
        long[] generations = new long[names.size()];
        int count = 0;
        for (String name : names) {
            OptionalLong generation = format.parseGeneration(prefix, name);
            if (generation.isPresent()) {
                generations[count++] = generation.getAsLong();
            }
        }
        long[] sorted = Arrays.copyOf(generations, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The key of {@link #closedGenerations()} in the volume's cache. */
    private record Generations(LogPrefix prefix, LogFormat format) {
    }

    /**
     * Ascending generations: an unmodifiable list whose lookups are binary searches. A view of a range of a shared,
     * growing array, so that the usual change of a log folder (a new log past the newest, the oldest ones truncated)
     * makes the next list in time proportional to the change, not to the thousands of logs a day leaves: only the
     * newest list of an array extends it in place, and older lists never look past their own range.
     */
    private static final class SortedGenerations extends AbstractList<Long> implements RandomAccess {
        /** The array the lists of one folder share, and how much of it the newest list uses. */
        private static final class Shared {
            long[] values;
            int used;

            Shared(long[] values) {
                this.values = values;
                this.used = values.length;
            }
        }

        private final Shared shared;
        private final int from;
        private final int to;

        SortedGenerations(long[] generations) {
            this(new Shared(generations), 0, generations.length);
        }

        private SortedGenerations(Shared shared, int from, int to) {
            this.shared = shared;
            this.from = from;
            this.to = to;
        }

        /**
         * These generations with {@code added} and without {@code removed} (both ascending), as multisets: what
         * deriving them again from the folder's names gives, since every removed name was there or was added.
         */
        SortedGenerations with(long[] added, long[] removed) {
            if (added.length == 0 && removed.length == 0) {
                return this;
            }
            long[] values = shared.values;
            boolean prefixRemoved = removed.length <= to - from;
            for (int i = 0; prefixRemoved && i < removed.length; i++) {
                prefixRemoved = values[from + i] == removed[i];
            }
            int kept = from + (prefixRemoved ? removed.length : 0);
            if (prefixRemoved && to == shared.used && (added.length == 0 || kept == to || added[0] > values[to - 1])) {
                if (to + added.length > values.length) {
                    shared.values = Arrays.copyOf(values, Math.max(16, 2 * (to + added.length)));
                }
                System.arraycopy(added, 0, shared.values, to, added.length);
                shared.used = to + added.length;
                return new SortedGenerations(shared, kept, to + added.length);
            }
            long[] merged = new long[to - from + added.length];
            int i = from;
            int j = 0;
            int k = 0;
            int out = 0;
            while (i < to || j < added.length) {
                long next = j >= added.length || (i < to && values[i] <= added[j]) ? values[i++] : added[j++];
                while (k < removed.length && removed[k] < next) {
                    k++;
                }
                if (k < removed.length && removed[k] == next) {
                    k++;
                    continue;
                }
                merged[out++] = next;
            }
            return new SortedGenerations(out == merged.length ? merged : Arrays.copyOf(merged, out));
        }

        @Override
        public Long get(int index) {
            Objects.checkIndex(index, to - from);
            return shared.values[from + index];
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public int indexOf(Object o) {
            if (!(o instanceof Long generation)) {
                return -1;
            }
            long[] values = shared.values;
            int at = Arrays.binarySearch(values, from, to, generation);
            if (at < 0) {
                return -1;
            }
            // Two names can only carry one generation through non-ASCII digits; keep List's first-match contract.
            while (at > from && values[at - 1] == generation) {
                at--;
            }
            return at - from;
        }

        @Override
        public int lastIndexOf(Object o) {
            int at = indexOf(o);
            long[] values = shared.values;
            while (at >= 0 && from + at + 1 < to && values[from + at + 1] == values[from + at]) {
                at++;
            }
            return at;
        }

        @Override
        public boolean contains(Object o) {
            return indexOf(o) >= 0;
        }
    }

    /**
     * The header of the current log, empty when there is no {@code E00.log}.
     *
     * @throws io.github.exha.core.error.ExhaException {@code LOG_CORRUPT} (-501) when it is damaged or blank
     */
    public Optional<LogHeader> currentHeader() {
        if (!volume.exists(currentPath())) {
            return Optional.empty();
        }
        return Optional.of(LogFile.readHeader(volume, currentPath()).orElseThrow(() -> EseError.LOG_FILE_CORRUPT
                .exception("The current log " + currentPath() + " holds no log generation")));
    }

    /**
     * Reads closed generation {@code generation}.
     *
     * @throws io.github.exha.core.error.ExhaException the errors of {@link LogFile#read}
     */
    public LogFile read(long generation) {
        return LogFile.read(volume, generationPath(generation));
    }

    /**
     * Reads the current log.
     *
     * @throws io.github.exha.core.error.ExhaException the errors of {@link LogFile#read}
     */
    public LogFile readCurrent() {
        return LogFile.read(volume, currentPath());
    }

    /** {@link #logicalFreeBytes(Volume)} of this folder's volume. */
    public long logicalFreeBytes() {
        return logicalFreeBytes(volume);
    }

    /**
     * The volume's free space as Windows reports it: the volume's free clusters, less the holes of the log files on
     * it. Log files are written sparsely here (see {@link LogFile}) but are fully allocated on a real volume, so every
     * file named like a log or reserve log ({@code .log}, {@code .jrs}) of exactly a log's size counts at its full
     * size. This is what decides whether a new log fits.
     */
    public static long logicalFreeBytes(Volume volume) {
        int cluster = volume.layout().clusterSize();
        // Kept by the volume as files change: walking the whole volume at every log roll grew with the day's logs.
        long holes = volume.sumOverFiles(new LogHoles(cluster), entry -> logHole(entry, cluster));
        return volume.freeBytes() - holes;
    }

    /** The key of the hole count {@link #logicalFreeBytes(Volume)} keeps on a volume of that cluster size. */
    private record LogHoles(int clusterSize) {
    }

    /** The bytes a file named like a log or reserve log, of exactly a log's size, lacks on disk; 0 for others. */
    private static long logHole(DirectoryEntry entry, int cluster) {
        // The size first: it runs at every write of every file, and most files are not of a log's size.
        Optional<LogFormat> format = LogFormat.ofLogSize(entry.size());
        if (format.isEmpty()) {
            return 0;
        }
        String name = entry.name().toLowerCase(Locale.ROOT);
        return name.endsWith(".log") || name.endsWith(".jrs")
                ? entry.size() - LogFile.allocatedBytes(format.get(), cluster) : 0;
    }

    @Override
    public String toString() {
        return "LogDirectory[" + path(prefix.value() + "*") + ", " + format + "]";
    }
}
