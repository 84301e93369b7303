package io.github.exha.storage.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ChangeMapTest {
    @Test
    void marksAreFoundInOrderAcrossPagesAndCountedOnce() {
        long chunks = 3L * ChangeMap.PAGE_BITS + 17;
        ChangeMap map = new ChangeMap(chunks);
        map.set(chunks - 1);
        map.set(5);
        map.set(5);
        map.set(ChangeMap.PAGE_BITS * 2L);

        assertThat(map.count()).isEqualTo(3);
        assertThat(marked(map)).containsExactly(5L, ChangeMap.PAGE_BITS * 2L, chunks - 1);
        map.clear(5);
        assertThat(map.get(5)).isFalse();
        assertThat(map.nextSet(0)).isEqualTo(ChangeMap.PAGE_BITS * 2L);
        map.clearAll();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.nextSet(0)).isEqualTo(-1);
    }

    @Test
    void aByteRangeMarksEveryChunkItTouches() {
        ChangeMap map = new ChangeMap(8);
        map.setRange(SparseLun.CHUNK_SIZE - 1, 2);
        map.setRange(5L * SparseLun.CHUNK_SIZE, 0);

        assertThat(marked(map)).containsExactly(0L, 1L);
    }

    @Test
    void behavesLikeASetOfChunks() {
        long seed = 20261123L;
        System.out.println("ChangeMapTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        long chunks = 2L * ChangeMap.PAGE_BITS + 100;
        ChangeMap map = new ChangeMap(chunks);
        ChangeMap other = new ChangeMap(chunks);
        TreeSet<Long> expected = new TreeSet<>();
        for (int i = 0; i < 2_000; i++) {
            long chunk = random.nextLong(chunks);
            if (random.nextInt(3) == 0) {
                map.clear(chunk);
                expected.remove(chunk);
            } else if (random.nextBoolean()) {
                map.set(chunk);
                expected.add(chunk);
            } else {
                other.set(chunk);
            }
        }
        for (long chunk = other.nextSet(0); chunk >= 0; chunk = other.nextSet(chunk + 1)) {
            expected.add(chunk);
        }
        map.addAll(other);

        assertThat(marked(map)).containsExactlyElementsOf(expected);
        assertThat(map.count()).isEqualTo(expected.size());
    }

    private static List<Long> marked(ChangeMap map) {
        List<Long> chunks = new ArrayList<>();
        for (long chunk = map.nextSet(0); chunk >= 0; chunk = map.nextSet(chunk + 1)) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
