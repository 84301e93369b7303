package io.github.exha.storage.sim;

import java.util.Arrays;

/**
 * The data of one thin-provisioned LUN: fixed-size chunks of {@value #CHUNK_SIZE} bytes, allocated on first write and
 * held in a two-level table indexed by chunk number, so a 2 TB LUN costs only the chunks written (plus a top-level
 * table of one reference per {@value #PAGE_CHUNKS} chunks). Never-written chunks read as zeros.
 *
 * <p>The I/O methods do no validation: {@link SimArray} checks alignment and range before calling them. They copy
 * straight between the caller's buffer and the chunk arrays, allocating only when a chunk is first written.
 */
final class SparseLun {
    /** Bytes per chunk: the allocation unit, and the unit of change tracking and of copy work. */
    static final int CHUNK_SIZE = 64 * 1024;
    static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;
    /** Chunks per second-level page. */
    static final int PAGE_CHUNKS = 1024;
    private static final int PAGE_SHIFT = 10;
    private static final int PAGE_MASK = PAGE_CHUNKS - 1;
    /** The largest LUN this table can address: 2^31 pages of 1024 chunks would be absurd; keep it to an int of chunks. */
    static final long MAX_CAPACITY = (long) Integer.MAX_VALUE * CHUNK_SIZE;

    private final long capacityBytes;
    private final byte[][][] pages;
    private long allocatedChunks;

    SparseLun(long capacityBytes) {
        this.capacityBytes = capacityBytes;
        long chunks = chunkCount(capacityBytes);
        this.pages = new byte[(int) ((chunks + PAGE_CHUNKS - 1) >>> PAGE_SHIFT)][][];
    }

    /** How many chunks a LUN of this size spans. */
    static long chunkCount(long capacityBytes) {
        return (capacityBytes + CHUNK_SIZE - 1) >>> CHUNK_SHIFT;
    }

    long capacityBytes() {
        return capacityBytes;
    }

    long chunkCount() {
        return chunkCount(capacityBytes);
    }

    /** Bytes really held: allocated chunks times the chunk size. */
    long allocatedBytes() {
        return allocatedChunks * CHUNK_SIZE;
    }

    /** Copies {@code length} bytes at {@code offset} into {@code target[from..]}; holes read as zeros. */
    void read(long offset, byte[] target, int from, int length) {
        long position = offset;
        int at = from;
        int remaining = length;
        while (remaining > 0) {
            long chunk = position >>> CHUNK_SHIFT;
            int within = (int) (position & CHUNK_MASK);
            int n = Math.min(remaining, CHUNK_SIZE - within);
            byte[] data = chunk(chunk);
            if (data == null) {
                Arrays.fill(target, at, at + n, (byte) 0);
            } else {
                System.arraycopy(data, within, target, at, n);
            }
            position += n;
            at += n;
            remaining -= n;
        }
    }

    /** Copies {@code length} bytes from {@code source[from..]} to {@code offset}, allocating chunks as needed. */
    void write(long offset, byte[] source, int from, int length) {
        long position = offset;
        int at = from;
        int remaining = length;
        while (remaining > 0) {
            long chunk = position >>> CHUNK_SHIFT;
            int within = (int) (position & CHUNK_MASK);
            int n = Math.min(remaining, CHUNK_SIZE - within);
            System.arraycopy(source, at, chunkForWrite(chunk), within, n);
            position += n;
            at += n;
            remaining -= n;
        }
    }

    /** Whether the chunk has been written. */
    boolean isAllocated(long chunk) {
        return chunk(chunk) != null;
    }

    /** A copy of a chunk's bytes, or null for a hole (which a copy transfers as "zeros"). */
    byte[] copyChunk(long chunk) {
        byte[] data = chunk(chunk);
        return data == null ? null : data.clone();
    }

    /** Replaces a whole chunk: with a copy's bytes, or with a hole when {@code data} is null. */
    void putChunk(long chunk, byte[] data) {
        int top = (int) (chunk >>> PAGE_SHIFT);
        int index = (int) (chunk & PAGE_MASK);
        byte[][] page = pages[top];
        if (data == null) {
            if (page != null && page[index] != null) {
                page[index] = null;
                allocatedChunks--;
            }
            return;
        }
        if (page == null) {
            page = new byte[PAGE_CHUNKS][];
            pages[top] = page;
        }
        if (page[index] == null) {
            allocatedChunks++;
        }
        // the copy may be shipped data the sender still references, so keep our own array
        page[index] = data.clone();
    }

    /** Index of the first allocated chunk at or after {@code from}, or -1. */
    long nextAllocated(long from) {
        long chunks = chunkCount();
        for (long chunk = from; chunk < chunks; ) {
            byte[][] page = pages[(int) (chunk >>> PAGE_SHIFT)];
            if (page == null) {
                chunk = ((chunk >>> PAGE_SHIFT) + 1) << PAGE_SHIFT;
                continue;
            }
            if (page[(int) (chunk & PAGE_MASK)] != null) {
                return chunk;
            }
            chunk++;
        }
        return -1;
    }

    private byte[] chunk(long chunk) {
        byte[][] page = pages[(int) (chunk >>> PAGE_SHIFT)];
        return page == null ? null : page[(int) (chunk & PAGE_MASK)];
    }

    private byte[] chunkForWrite(long chunk) {
        int top = (int) (chunk >>> PAGE_SHIFT);
        byte[][] page = pages[top];
        if (page == null) {
            page = new byte[PAGE_CHUNKS][];
            pages[top] = page;
        }
        int index = (int) (chunk & PAGE_MASK);
        byte[] data = page[index];
        if (data == null) {
            data = new byte[CHUNK_SIZE];
            page[index] = data;
            allocatedChunks++;
        }
        return data;
    }
}
