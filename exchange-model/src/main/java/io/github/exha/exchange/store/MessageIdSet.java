package io.github.exha.exchange.store;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * A growing set of message ids kept as a sorted {@code long[]}: 8 bytes an id where a {@code TreeSet<Long>} takes
 * about 56 (issue 8: a lab keeps the ids of every message a database acknowledged for a simulated week, and a passive
 * copy's replayer the ids its database file holds). Ids mostly arrive in ascending order (a storage group acknowledges
 * and writes in log order), so an add is usually an append; an earlier id (a message retried after a later one was
 * delivered) is inserted in place.
 */
public final class MessageIdSet implements Iterable<Long> {
    private long[] ids = new long[16];
    private int size;

    /** Adds {@code id}; false when it was already there. */
    public boolean add(long id) {
        if (size == 0 || id > ids[size - 1]) {
            grow();
            ids[size++] = id;
            return true;
        }
        int at = Arrays.binarySearch(ids, 0, size, id);
        if (at >= 0) {
            return false;
        }
        int insert = -at - 1;
        grow();
        System.arraycopy(ids, insert, ids, insert + 1, size - insert);
        ids[insert] = id;
        size++;
        return true;
    }

    /** Whether {@code id} is in the set. */
    public boolean contains(long id) {
        return Arrays.binarySearch(ids, 0, size, id) >= 0;
    }

    /** How many ids. */
    public int size() {
        return size;
    }

    /** The ids in ascending order. */
    @Override
    public PrimitiveIterator.OfLong iterator() {
        return new PrimitiveIterator.OfLong() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public long nextLong() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return ids[next++];
            }
        };
    }

    private void grow() {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, ids.length + (ids.length >> 1));
        }
    }

    @Override
    public String toString() {
        return "MessageIdSet[" + size + " ids]";
    }
}
