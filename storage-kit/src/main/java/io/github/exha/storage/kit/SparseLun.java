package io.github.exha.storage.kit;

import java.util.Arrays;

/**
 * The data of one thin-provisioned LUN: fixed-size chunks of {@value #CHUNK_SIZE} bytes, allocated on first write and
 * held in a two-level table indexed by chunk number, so a 2 TB LUN costs only the chunks written (plus a top-level
 * table of one reference per {@value #PAGE_CHUNKS} chunks). Never-written chunks read as zeros.
 *
 * <p>A chunk is the unit the array reports and replicates (allocation, change tracking, copy work), but its bytes
 * are kept in {@value #BLOCK_SIZE}-byte blocks, and a block that was only ever written with zeros is not kept at all:
 * it reads as zeros. A log file's zero-filled record area or a single byte written at a file's end then costs a
 * block, not a chunk (issue 8: a week of logs). Nothing outside this class can tell: the chunk is allocated all the
 * same, reads return the same bytes, copies ship the same chunk.
 *
 * <p>The I/O methods do no validation: the caller ({@link AbstractStorageArray}) checks alignment and range first.
 * They copy straight between the caller's buffer and the block arrays, allocating only when a block first holds a
 * non-zero byte.
 */
public final class SparseLun {
    /** Bytes per chunk: the allocation unit, and the unit of change tracking and of copy work. */
    public static final int CHUNK_SIZE = 64 * 1024;
    /** log2 of {@link #CHUNK_SIZE}: {@code offset >>> CHUNK_SHIFT} is the chunk of a byte. */
    public static final int CHUNK_SHIFT = 16;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;
    /** Bytes per block: the unit of memory within a chunk. */
    public static final int BLOCK_SIZE = 4 * 1024;
    private static final int BLOCK_SHIFT = 12;
    private static final int BLOCK_MASK = BLOCK_SIZE - 1;
    private static final int CHUNK_BLOCKS = CHUNK_SIZE / BLOCK_SIZE;
    /** Chunks per second-level page. */
    public static final int PAGE_CHUNKS = 1024;
    private static final int PAGE_SHIFT = 10;
    private static final int PAGE_MASK = PAGE_CHUNKS - 1;
    /** The largest LUN this table can address: 2^31 pages of 1024 chunks would be absurd; keep it to an int of chunks. */
    public static final long MAX_CAPACITY = (long) Integer.MAX_VALUE * CHUNK_SIZE;

    private final long capacityBytes;
    // page -> chunk -> block -> bytes; a null chunk is a hole, a null block within an allocated chunk holds zeros
    private final byte[][][][] pages;
    private long allocatedChunks;
    private long heldBlocks;
    /** A block of zeros to compare written bytes with; never written. */
    private final byte[] zeros = new byte[BLOCK_SIZE];

    /** An empty (all-hole) LUN of {@code capacityBytes}, at most {@link #MAX_CAPACITY}. */
    public SparseLun(long capacityBytes) {
        this.capacityBytes = capacityBytes;
        long chunks = chunkCount(capacityBytes);
        this.pages = new byte[(int) ((chunks + PAGE_CHUNKS - 1) >>> PAGE_SHIFT)][][][];
    }

    /** How many chunks a LUN of this size spans. */
    public static long chunkCount(long capacityBytes) {
        return (capacityBytes + CHUNK_SIZE - 1) >>> CHUNK_SHIFT;
    }

    /** The LUN's size in bytes. */
    public long capacityBytes() {
        return capacityBytes;
    }

    /** How many chunks this LUN spans (the last may be short). */
    public long chunkCount() {
        return chunkCount(capacityBytes);
    }

    /** Bytes the array reports as allocated: allocated chunks times the chunk size. */
    public long allocatedBytes() {
        return allocatedChunks * CHUNK_SIZE;
    }

    /** Bytes really held in memory: the blocks holding a non-zero byte. */
    public long heldBytes() {
        return heldBlocks * BLOCK_SIZE;
    }

    /** Copies {@code length} bytes at {@code offset} into {@code target[from..]}; holes read as zeros. */
    public void read(long offset, byte[] target, int from, int length) {
        long position = offset;
        int at = from;
        int remaining = length;
        while (remaining > 0) {
            long chunk = position >>> CHUNK_SHIFT;
            int within = (int) (position & CHUNK_MASK);
            int n = Math.min(remaining, BLOCK_SIZE - (within & BLOCK_MASK));
            byte[][] blocks = chunk(chunk);
            byte[] block = blocks == null ? null : blocks[within >>> BLOCK_SHIFT];
            if (block == null) {
                Arrays.fill(target, at, at + n, (byte) 0);
            } else {
                System.arraycopy(block, within & BLOCK_MASK, target, at, n);
            }
            position += n;
            at += n;
            remaining -= n;
        }
    }

    /** Copies {@code length} bytes from {@code source[from..]} to {@code offset}, allocating chunks as needed. */
    public void write(long offset, byte[] source, int from, int length) {
        long position = offset;
        int at = from;
        int remaining = length;
        while (remaining > 0) {
            long chunk = position >>> CHUNK_SHIFT;
            int within = (int) (position & CHUNK_MASK);
            int n = Math.min(remaining, BLOCK_SIZE - (within & BLOCK_MASK));
            byte[][] blocks = chunkForWrite(chunk);
            int index = within >>> BLOCK_SHIFT;
            byte[] block = blocks[index];
            if (block == null && !isZero(source, at, n)) {
                block = new byte[BLOCK_SIZE];
                blocks[index] = block;
                heldBlocks++;
            }
            if (block != null) {
                System.arraycopy(source, at, block, within & BLOCK_MASK, n);
            }
            position += n;
            at += n;
            remaining -= n;
        }
    }

    /** Whether the chunk has been written. */
    public boolean isAllocated(long chunk) {
        return chunk(chunk) != null;
    }

    /** A copy of a chunk's bytes, or null for a hole (which a copy transfers as "zeros"). */
    public byte[] copyChunk(long chunk) {
        byte[][] blocks = chunk(chunk);
        if (blocks == null) {
            return null;
        }
        byte[] data = new byte[CHUNK_SIZE];
        for (int b = 0; b < CHUNK_BLOCKS; b++) {
            if (blocks[b] != null) {
                System.arraycopy(blocks[b], 0, data, b << BLOCK_SHIFT, BLOCK_SIZE);
            }
        }
        return data;
    }

    /** Replaces a whole chunk: with a copy's bytes, or with a hole when {@code data} is null. */
    public void putChunk(long chunk, byte[] data) {
        int top = (int) (chunk >>> PAGE_SHIFT);
        int index = (int) (chunk & PAGE_MASK);
        byte[][][] page = pages[top];
        if (page != null && page[index] != null) {
            heldBlocks -= held(page[index]);
            page[index] = null;
            allocatedChunks--;
        }
        if (data == null) {
            return;
        }
        if (page == null) {
            page = new byte[PAGE_CHUNKS][][];
            pages[top] = page;
        }
        // the copy may be shipped data the sender still references, so keep our own arrays
        byte[][] blocks = new byte[CHUNK_BLOCKS][];
        for (int b = 0; b < CHUNK_BLOCKS; b++) {
            int start = b << BLOCK_SHIFT;
            if (!isZero(data, start, BLOCK_SIZE)) {
                blocks[b] = Arrays.copyOfRange(data, start, start + BLOCK_SIZE);
                heldBlocks++;
            }
        }
        page[index] = blocks;
        allocatedChunks++;
    }

    /** Index of the first allocated chunk at or after {@code from}, or -1. */
    public long nextAllocated(long from) {
        long chunks = chunkCount();
        for (long chunk = from; chunk < chunks; ) {
            byte[][][] page = pages[(int) (chunk >>> PAGE_SHIFT)];
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

    private byte[][] chunk(long chunk) {
        byte[][][] page = pages[(int) (chunk >>> PAGE_SHIFT)];
        return page == null ? null : page[(int) (chunk & PAGE_MASK)];
    }

    private byte[][] chunkForWrite(long chunk) {
        int top = (int) (chunk >>> PAGE_SHIFT);
        byte[][][] page = pages[top];
        if (page == null) {
            page = new byte[PAGE_CHUNKS][][];
            pages[top] = page;
        }
        int index = (int) (chunk & PAGE_MASK);
        byte[][] blocks = page[index];
        if (blocks == null) {
            blocks = new byte[CHUNK_BLOCKS][];
            page[index] = blocks;
            allocatedChunks++;
        }
        return blocks;
    }

    private static int held(byte[][] blocks) {
        int count = 0;
        for (byte[] block : blocks) {
            if (block != null) {
                count++;
            }
        }
        return count;
    }

    private boolean isZero(byte[] bytes, int from, int length) {
        // Arrays.mismatch compares many bytes at a time: a log's zero-filled record area is checked at every write.
        return Arrays.mismatch(bytes, from, from + length, zeros, 0, length) < 0;
    }
}
