package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessageIdSetTest {
    @Test
    void keepsIdsSortedAndDistinctWhateverTheOrderTheyArriveIn() {
        long seed = 8L;
        System.out.println("MessageIdSetTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        MessageIdSet set = new MessageIdSet();
        TreeSet<Long> reference = new TreeSet<>();
        for (int i = 0; i < 5_000; i++) {
            // mostly ascending, as a storage group acknowledges, with retried (earlier) and repeated ids
            long id = random.nextInt(10) == 0 ? random.nextLong(i + 1) : i;
            assertThat(set.add(id)).isEqualTo(reference.add(id));
        }
        List<Long> iterated = new ArrayList<>();
        set.forEach(iterated::add);
        assertThat(iterated).containsExactlyElementsOf(reference);
        assertThat(set.size()).isEqualTo(reference.size());
        for (long id = -1; id <= 5_000; id++) {
            assertThat(set.contains(id)).as("contains %d", id).isEqualTo(reference.contains(id));
        }
    }
}
