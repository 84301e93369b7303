package io.github.exha.storage.kit;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.LunSpec;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One LUN of an {@link AbstractStorageArray}: its settings, access state, masking, sparse data and the replication
 * pair it belongs to. The pair's type is the plugin's own ({@code P}): the kit only stores it, so the plugin decides
 * what a pair is.
 *
 * <p>Only the array creates LUNs, changes their masking and their access state (through
 * {@link AbstractStorageArray#changeAccess}, which journals the change).
 *
 * @param <A> the plugin's array type
 * @param <P> the plugin's replication pair type
 */
public final class ArrayLun<A extends AbstractStorageArray<A, P, ?>, P> {
    private final A array;
    private final LunSpec spec;
    private final LunRef ref;
    private final SparseLun data;
    private final TreeSet<String> presentedTo = new TreeSet<>();
    private AccessState access = AccessState.READ_WRITE;
    private P pair;

    ArrayLun(A array, LunSpec spec) {
        this.array = array;
        this.spec = spec;
        this.ref = new LunRef(array.name(), spec.name());
        this.data = new SparseLun(spec.capacityBytes());
    }

    /** The array holding this LUN. */
    public A array() {
        return array;
    }

    /** The settings the LUN was created with. */
    public LunSpec spec() {
        return spec;
    }

    /** The LUN's array-wide reference. */
    public LunRef ref() {
        return ref;
    }

    /** The LUN's bytes; a replication copy reads and writes them directly, without the host-side checks. */
    public SparseLun data() {
        return data;
    }

    /** The LUN's name. */
    public String name() {
        return spec.name();
    }

    /** The current access state. */
    public AccessState access() {
        return access;
    }

    void access(AccessState state) {
        this.access = state;
    }

    /** The hosts the LUN is presented to, in name order (read-only view). */
    public SortedSet<String> presentedTo() {
        return Collections.unmodifiableSortedSet(presentedTo);
    }

    TreeSet<String> masking() {
        return presentedTo;
    }

    /** The replication pair this LUN is in, as source or target; null when unpaired. */
    public P pair() {
        return pair;
    }

    /** Records the pair this LUN joined, or null when it left its pair. */
    public void pair(P pair) {
        this.pair = pair;
    }

    /** A snapshot of the LUN as the SPI reports it. */
    public LunInfo info() {
        return new LunInfo(ref, spec.capacityBytes(), spec.blockSize(), access, presentedTo, data.allocatedBytes());
    }

    @Override
    public String toString() {
        return ref.toString();
    }
}
