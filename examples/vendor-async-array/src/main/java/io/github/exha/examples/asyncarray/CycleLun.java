package io.github.exha.examples.asyncarray;

import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.LunSpec;
import java.util.TreeSet;

/** One LUN of a {@link CycleArray}: its settings, access state, masking, sparse data and the pair it belongs to. */
final class CycleLun {
    final CycleArray array;
    final LunSpec spec;
    final LunRef ref;
    final SparseLun data;
    final TreeSet<String> presentedTo = new TreeSet<>();
    AccessState access = AccessState.READ_WRITE;
    /** The replication pair this LUN is in, as source or target; null when unpaired. */
    CyclePair pair;

    CycleLun(CycleArray array, LunSpec spec) {
        this.array = array;
        this.spec = spec;
        this.ref = new LunRef(array.name(), spec.name());
        this.data = new SparseLun(spec.capacityBytes());
    }

    String name() {
        return spec.name();
    }

    LunInfo info() {
        return new LunInfo(ref, spec.capacityBytes(), spec.blockSize(), access, presentedTo, data.allocatedBytes());
    }
}
