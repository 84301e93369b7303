package io.github.exha.storage.sim;

import io.github.exha.storage.kit.AbstractStorageArray;
import io.github.exha.storage.kit.ArrayLink;
import io.github.exha.storage.kit.ArrayLun;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.StorageContext;
import java.util.concurrent.CompletableFuture;

/**
 * A simulated storage array of vendor {@code sim}. Hosts, sparse LUNs with masking and access states, host I/O and
 * links are the kit's ({@link AbstractStorageArray}, which documents the checks); this class adds the sim's
 * replication semantics, carried out by {@link SimConsistencyGroup}:
 * <ul>
 *   <li>SYNC and ASYNC groups are both supported.</li>
 *   <li>{@link #setAccessState} refuses (INVALID_STATE) to change a LUN that replication is currently writing to: a
 *       target while its group is IN_SYNC or copying towards it, a source while a failback or a resync
 *       TARGET_TO_SOURCE copies over it.</li>
 *   <li>When an array powers on, the source LUNs of groups that failed over while it was off are made READ_ONLY
 *       (fenced), as a real array does once it learns its partner took over.</li>
 * </ul>
 */
public final class SimArray extends AbstractStorageArray<SimArray, SimPair, SimConsistencyGroup> {
    private final SimOptions options;

    SimArray(ArraySpec spec, StorageContext context, SimOptions options) {
        super(SimArray.class, spec, context);
        this.options = options;
    }

    /** The parsed vendor options. */
    public SimOptions options() {
        return options;
    }

    @Override
    public String vendorId() {
        return SimStorageProvider.VENDOR_ID;
    }

    @Override
    protected int maxLuns() {
        return options.maxLuns();
    }

    @Override
    protected String maxLunsOption() {
        return SimOptions.MAX_LUNS;
    }

    @Override
    protected SimConsistencyGroup groupOf(SimPair pair) {
        return pair.group;
    }

    @Override
    protected ReplicationState stateOf(SimConsistencyGroup group) {
        return group.state();
    }

    @Override
    protected boolean isReceiving(ArrayLun<SimArray, SimPair> lun) {
        return lun.pair().group.isReceiving(lun);
    }

    @Override
    protected String accessChangeAdvice() {
        return "Suspend or split the group first.";
    }

    @Override
    protected boolean isTarget(ArrayLun<SimArray, SimPair> lun) {
        return lun.pair().target == lun;
    }

    @Override
    protected CompletableFuture<Void> replicate(SimPair pair, ArrayLun<SimArray, SimPair> lun, long offset,
            byte[] source, int from, int length) {
        return pair.group.written(pair, lun, offset, source, from, length);
    }

    @Override
    protected SimConsistencyGroup newGroup(GroupSpec groupSpec, SimArray target, ArrayLink<SimArray> link) {
        return new SimConsistencyGroup(groupSpec.name(), groupSpec.mode(), this, target, link);
    }

    @Override
    protected void linkDown(ArrayLink<SimArray> link) {
        for (SimConsistencyGroup group : groups()) {
            if (group.link() == link) {
                group.lost("link " + link.spec().name() + " down", null);
            }
        }
    }

    @Override
    protected void poweredOff() {
        for (SimConsistencyGroup group : groups()) {
            group.lost("array " + name() + " powered off", this);
        }
    }

    @Override
    protected void poweredOn() {
        for (SimConsistencyGroup group : groups()) {
            group.poweredOn(this);
        }
    }
}
