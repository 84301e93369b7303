package io.github.exha.storage.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseLunTest {
    @Test
    void zerosWrittenIntoAChunkAllocateItButHoldNoMemory() {
        SparseLun lun = new SparseLun(1L << 30);
        lun.write(5 * SparseLun.CHUNK_SIZE, new byte[SparseLun.CHUNK_SIZE], 0, SparseLun.CHUNK_SIZE);

        assertThat(lun.isAllocated(5)).isTrue();
        assertThat(lun.allocatedBytes()).isEqualTo(SparseLun.CHUNK_SIZE);
        assertThat(lun.heldBytes()).isZero();
        assertThat(lun.copyChunk(5)).isEqualTo(new byte[SparseLun.CHUNK_SIZE]);
    }

    @Test
    void aSmallWriteHoldsOneBlockNotAChunk() {
        SparseLun lun = new SparseLun(1L << 30);
        lun.write(SparseLun.CHUNK_SIZE + 10, new byte[] {1, 2, 3}, 0, 3);

        assertThat(lun.heldBytes()).isEqualTo(SparseLun.BLOCK_SIZE);
        byte[] read = new byte[8];
        lun.read(SparseLun.CHUNK_SIZE + 8, read, 0, 8);
        assertThat(read).containsExactly(0, 0, 1, 2, 3, 0, 0, 0);
    }

    /** Random writes (zeros and data, across block and chunk borders) read back as a flat reference array does. */
    @Test
    void readsWhatAFlatArrayWould() {
        long seed = 20261123L;
        System.out.println("SparseLunTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        int size = 8 * SparseLun.CHUNK_SIZE;
        SparseLun lun = new SparseLun(size);
        byte[] reference = new byte[size];
        for (int i = 0; i < 2_000; i++) {
            int offset = random.nextInt(size);
            int length = Math.min(size - offset, 1 + random.nextInt(3 * SparseLun.BLOCK_SIZE));
            byte[] data = new byte[length];
            if (random.nextBoolean()) {
                for (int j = 0; j < length; j++) {
                    data[j] = (byte) random.nextInt(256);
                }
            }
            lun.write(offset, data, 0, length);
            System.arraycopy(data, 0, reference, offset, length);
        }
        byte[] all = new byte[size];
        lun.read(0, all, 0, size);
        assertThat(all).isEqualTo(reference);
        SparseLun copy = new SparseLun(size);
        for (long chunk = lun.nextAllocated(0); chunk >= 0; chunk = lun.nextAllocated(chunk + 1)) {
            copy.putChunk(chunk, lun.copyChunk(chunk));
        }
        byte[] copied = new byte[size];
        copy.read(0, copied, 0, size);
        assertThat(copied).isEqualTo(reference);
        assertThat(copy.allocatedBytes()).isEqualTo(lun.allocatedBytes());
        assertThat(Arrays.equals(copied, reference)).isTrue();
    }
}
