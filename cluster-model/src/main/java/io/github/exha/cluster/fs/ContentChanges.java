package io.github.exha.cluster.fs;

/**
 * The last writes to one file's bytes, kept once a {@link ContentMark} watches the file: which volume operation wrote
 * which byte range. A fixed ring, so a file written many times between two questions keeps its memory bounded and the
 * answer turns conservative ("may have changed") instead of wrong.
 */
final class ContentChanges {
    /** Writes remembered; a replayer makes two per log (records appended, header stamped), so a few suffice. */
    private static final int KEPT = 16;

    private final long[] sequences = new long[KEPT];
    private final long[] starts = new long[KEPT];
    private final long[] ends = new long[KEPT];
    private int count;
    private int next;
    /** Every write with a sequence from this one on is in the ring. */
    private long completeFrom;

    /** Changes recorded from the operation {@code sequence} on. */
    ContentChanges(long sequence) {
        this.completeFrom = sequence;
    }

    /** The operation {@code sequence} wrote (or zeroed) the bytes [start, end). Sequences only grow. */
    void add(long sequence, long start, long end) {
        if (count == KEPT) {
            completeFrom = sequences[next] + 1; // the oldest goes: the ring no longer covers it
        } else {
            count++;
        }
        sequences[next] = sequence;
        starts[next] = start;
        ends[next] = end;
        next = (next + 1) % KEPT;
    }

    /** Whether no operation from {@code sequence} on wrote a byte of [start, end); false when the ring cannot tell. */
    boolean unchangedSince(long sequence, long start, long end) {
        if (sequence < completeFrom) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (sequences[i] >= sequence && starts[i] < end && ends[i] > start) {
                return false;
            }
        }
        return true;
    }
}
