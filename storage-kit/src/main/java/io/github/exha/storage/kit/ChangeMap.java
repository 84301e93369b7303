package io.github.exha.storage.kit;

/**
 * A sparse bitmap of changed chunks on one side of a replication pair: set when a write lands that the other side does
 * not have, cleared when a copy takes the chunk over. Pages of {@value #PAGE_BITS} bits are allocated on first use, so
 * tracking a 2 TB LUN costs only the regions written.
 */
public final class ChangeMap {
    private static final int PAGE_WORDS = 1024;
    /** Chunks per page of the bitmap: the unit of allocation. */
    public static final int PAGE_BITS = PAGE_WORDS * 64;
    private static final int PAGE_SHIFT = 16;

    private final long chunks;
    private final long[][] pages;
    private long count;

    /** An empty map covering {@code chunks} chunks (usually {@link SparseLun#chunkCount()} of the LUN). */
    public ChangeMap(long chunks) {
        this.chunks = chunks;
        this.pages = new long[(int) ((chunks + PAGE_BITS - 1) >>> PAGE_SHIFT)][];
    }

    /** The number of chunks the map covers. */
    public long chunks() {
        return chunks;
    }

    /** How many chunks are marked. */
    public long count() {
        return count;
    }

    /** Whether no chunk is marked. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Marks a chunk changed. */
    public void set(long chunk) {
        int top = (int) (chunk >>> PAGE_SHIFT);
        long[] page = pages[top];
        if (page == null) {
            page = new long[PAGE_WORDS];
            pages[top] = page;
        }
        int word = (int) ((chunk & (PAGE_BITS - 1)) >>> 6);
        long bit = 1L << (chunk & 63);
        if ((page[word] & bit) == 0) {
            page[word] |= bit;
            count++;
        }
    }

    /** Marks every chunk a byte range touches. */
    public void setRange(long offset, long length) {
        if (length <= 0) {
            return;
        }
        long last = (offset + length - 1) >>> SparseLun.CHUNK_SHIFT;
        for (long chunk = offset >>> SparseLun.CHUNK_SHIFT; chunk <= last; chunk++) {
            set(chunk);
        }
    }

    /** Unmarks a chunk. */
    public void clear(long chunk) {
        long[] page = pages[(int) (chunk >>> PAGE_SHIFT)];
        if (page == null) {
            return;
        }
        int word = (int) ((chunk & (PAGE_BITS - 1)) >>> 6);
        long bit = 1L << (chunk & 63);
        if ((page[word] & bit) != 0) {
            page[word] &= ~bit;
            count--;
        }
    }

    /** Whether a chunk is marked. */
    public boolean get(long chunk) {
        long[] page = pages[(int) (chunk >>> PAGE_SHIFT)];
        return page != null && (page[(int) ((chunk & (PAGE_BITS - 1)) >>> 6)] & (1L << (chunk & 63))) != 0;
    }

    /** The first marked chunk at or after {@code from}, or -1. */
    public long nextSet(long from) {
        if (count == 0) {
            return -1;
        }
        long chunk = Math.max(0, from);
        while (chunk < chunks) {
            int top = (int) (chunk >>> PAGE_SHIFT);
            long[] page = pages[top];
            if (page == null) {
                chunk = (long) (top + 1) << PAGE_SHIFT;
                continue;
            }
            int word = (int) ((chunk & (PAGE_BITS - 1)) >>> 6);
            long bits = page[word] & (-1L << (chunk & 63));
            while (bits == 0) {
                word++;
                if (word == PAGE_WORDS) {
                    break;
                }
                bits = page[word];
            }
            if (bits != 0) {
                long found = ((long) top << PAGE_SHIFT) + ((long) word << 6) + Long.numberOfTrailingZeros(bits);
                return found < chunks ? found : -1;
            }
            chunk = (long) (top + 1) << PAGE_SHIFT;
        }
        return -1;
    }

    /** Adds every chunk marked in {@code other}. */
    public void addAll(ChangeMap other) {
        for (long chunk = other.nextSet(0); chunk >= 0; chunk = other.nextSet(chunk + 1)) {
            set(chunk);
        }
    }

    /** Unmarks everything. */
    public void clearAll() {
        java.util.Arrays.fill(pages, null);
        count = 0;
    }
}
