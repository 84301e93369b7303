package io.github.exha.examples.asyncarray;

import io.github.exha.storage.kit.AbstractStorageArray;
import io.github.exha.storage.kit.ArrayLink;
import io.github.exha.storage.kit.ArrayLun;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import java.util.concurrent.CompletableFuture;

/**
 * A simulated storage array of vendor {@code async-array}. Hosts, sparse LUNs with masking and access states, host
 * I/O and links come from the storage kit ({@link AbstractStorageArray}, which documents the checks); this class is
 * where the vendor's semantics plug in, carried out by {@link CycleConsistencyGroup}:
 * <ul>
 *   <li>Only ASYNC groups: a SYNC group is refused (UNSUPPORTED_CAPABILITY) before anything else is checked.</li>
 *   <li>{@link #setAccessState} refuses (INVALID_STATE) to change a LUN that replication is currently writing to: a
 *       target while its group is IN_SYNC or copying towards it, a source while a failback copies over it.</li>
 *   <li>When an array powers on, the source LUNs of groups that failed over while it was off are made READ_ONLY
 *       (fenced), as a real array does once it learns its partner took over.</li>
 * </ul>
 */
public final class CycleArray extends AbstractStorageArray<CycleArray, CyclePair, CycleConsistencyGroup> {
    private final CycleOptions options;

    CycleArray(ArraySpec spec, StorageContext context, CycleOptions options) {
        super(CycleArray.class, spec, context);
        this.options = options;
    }

    /** The parsed vendor options. */
    public CycleOptions options() {
        return options;
    }

    @Override
    public String vendorId() {
        return CycleStorageProvider.VENDOR_ID;
    }

    @Override
    protected int maxLuns() {
        return options.maxLuns();
    }

    @Override
    protected String maxLunsOption() {
        return CycleOptions.MAX_LUNS;
    }

    @Override
    protected CycleConsistencyGroup groupOf(CyclePair pair) {
        return pair.group;
    }

    @Override
    protected ReplicationState stateOf(CycleConsistencyGroup group) {
        return group.state();
    }

    @Override
    protected boolean isReceiving(ArrayLun<CycleArray, CyclePair> lun) {
        return lun.pair().group.isReceiving(lun);
    }

    @Override
    protected String accessChangeAdvice() {
        return "Suspend the group first.";
    }

    @Override
    protected boolean isTarget(ArrayLun<CycleArray, CyclePair> lun) {
        return lun.pair().target == lun;
    }

    @Override
    protected CompletableFuture<Void> replicate(CyclePair pair, ArrayLun<CycleArray, CyclePair> lun, long offset,
            byte[] source, int from, int length) {
        return pair.group.written(pair, lun, offset, source, from, length);
    }

    @Override
    protected void checkSupported(GroupSpec groupSpec) {
        switch (groupSpec.mode()) {
            case SYNC -> throw new StorageException(StorageErrorCode.UNSUPPORTED_CAPABILITY, "Array '" + name()
                    + "' (vendor " + CycleStorageProvider.VENDOR_ID + ") replicates only asynchronously: consistency"
                    + " group '" + groupSpec.name() + "' cannot use mode SYNC; use ASYNC.", name());
            case ASYNC -> { }
        }
    }

    @Override
    protected CycleConsistencyGroup newGroup(GroupSpec groupSpec, CycleArray target, ArrayLink<CycleArray> link) {
        return new CycleConsistencyGroup(groupSpec.name(), groupSpec.mode(), this, target, link);
    }

    @Override
    protected void linkDown(ArrayLink<CycleArray> link) {
        for (CycleConsistencyGroup group : groups()) {
            if (group.link() == link) {
                group.lost("link " + link.spec().name() + " down");
            }
        }
    }

    @Override
    protected void poweredOff() {
        for (CycleConsistencyGroup group : groups()) {
            group.lost("array " + name() + " powered off");
        }
    }

    @Override
    protected void poweredOn() {
        for (CycleConsistencyGroup group : groups()) {
            group.poweredOn(this);
        }
    }
}
