package io.github.exha.cluster.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.exha.core.error.ExhaException;
import io.github.exha.storage.spi.BlockDevice;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Volume#mark} and {@link Volume#unchangedSince}: a "yes" must always be true; a "no" only costs a re-read. */
class ContentMarkTest {
    private static final String DB = "\\db\\Mailbox Database.edb";
    private final San san = new San();
    private final BlockDevice device = san.lun("L1", 64 * San.MiB);
    private Volume volume;

    ContentMarkTest() {
        Volume.format(device, "Data").join();
        volume = Volume.mount(device);
        volume.createDirectory("\\db").join();
        volume.createFile(DB).join();
        volume.append(DB, filled(8192, 1), 0, 8192).join();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void appendingAndRewritingTheHeaderLeaveTheBodyVouchedFor() {
        ContentMark mark = volume.mark(DB);
        volume.append(DB, filled(1000, 2), 0, 1000).join();
        volume.write(DB, 0, filled(100, 3), 0, 100).join();
        assertThat(volume.unchangedSince(DB, mark, 4096, 8192)).isTrue();
        assertThat(volume.unchangedSince(DB, mark, 0, 4096)).as("the header was written").isFalse();
        assertThat(volume.unchangedSince(DB, mark, 8000, 8200)).as("the append").isFalse();
    }

    @Test
    void anOverwriteInsideTheRangeOrAWriteExtendingAGapIsSeen() {
        ContentMark mark = volume.mark(DB);
        volume.write(DB, 5000, filled(1, 9), 0, 1).join();
        assertThat(volume.unchangedSince(DB, mark, 4096, 8192)).isFalse();
        assertThat(volume.unchangedSince(DB, mark, 5001, 8192)).isTrue();

        ContentMark later = volume.mark(DB);
        volume.write(DB, 20_000, filled(10, 9), 0, 10).join(); // 8192..20000 become part of the file as zeros
        assertThat(volume.unchangedSince(DB, later, 0, 8192)).isTrue();
        assertThat(volume.unchangedSince(DB, later, 8192, 8200)).isFalse();
    }

    @Test
    void anotherFileUnderTheNameAnotherMountOrADeviceErrorEndTheMark() {
        ContentMark mark = volume.mark(DB);
        volume.delete(DB).join();
        volume.createFile(DB).join();
        volume.append(DB, filled(8192, 1), 0, 8192).join();
        assertThat(volume.unchangedSince(DB, mark, 4096, 8192)).as("recreated").isFalse();

        mark = volume.mark(DB);
        volume.createFile("\\db\\other.edb").join();
        volume.rename(DB, "\\db\\old.edb").join();
        volume.rename("\\db\\other.edb", DB).join();
        assertThat(volume.unchangedSince(DB, mark, 0, 10)).as("replaced by a rename").isFalse();
        assertThat(volume.unchangedSince("\\db\\old.edb", mark, 0, 8192)).as("the file itself, renamed").isTrue();

        mark = volume.mark("\\db\\old.edb");
        Volume remounted = Volume.mount(device);
        assertThat(remounted.unchangedSince("\\db\\old.edb", mark, 0, 8192)).as("another mount").isFalse();
        volume.dismount();
        assertThat(volume.unchangedSince("\\db\\old.edb", mark, 0, 8192)).as("dismounted").isFalse();

        volume = remounted;
        mark = volume.mark("\\db\\old.edb");
        san.array.unpresent("L1", San.HOST);
        assertThat(catchThrowable(() -> volume.read("\\db\\old.edb", 0, new byte[10], 0, 10)))
                .isInstanceOf(ExhaException.class);
        san.array.present("L1", San.HOST);
        assertThat(volume.unchangedSince("\\db\\old.edb", mark, 0, 8192)).as("after a device error").isFalse();
        assertThat(volume.unchangedSince("\\db\\old.edb", volume.mark("\\db\\old.edb"), 0, 8192)).isTrue();
    }

    @Test
    void manyWritesOutsideTheRangeMakeTheAnswerConservativeNotWrong() {
        ContentMark mark = volume.mark(DB);
        for (int i = 0; i < 40; i++) {
            volume.write(DB, 0, filled(10, i), 0, 10).join();
        }
        assertThat(volume.unchangedSince(DB, mark, 4096, 8192)).isFalse();
        ContentMark fresh = volume.mark(DB);
        volume.write(DB, 0, filled(10, 1), 0, 10).join();
        assertThat(volume.unchangedSince(DB, fresh, 4096, 8192)).isTrue();
    }

    @Test
    void randomWritesNeverGetAWrongYes() {
        long seed = Long.getLong("exha.contentMark.seed", System.nanoTime());
        System.out.println("ContentMarkTest seed " + seed + " (replay with -Dexha.contentMark.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        int yes = 0;
        for (int round = 0; round < 300; round++) {
            byte[] before = read(DB);
            ContentMark mark = volume.mark(DB);
            int writes = random.nextInt(0, 24);
            for (int w = 0; w < writes; w++) {
                long size = volume.size(DB);
                int length = random.nextInt(1, 3000);
                long offset = random.nextBoolean() ? size : random.nextLong(0, size + 5000);
                byte[] data = new byte[length];
                random.nextBytes(data);
                volume.write(DB, offset, data, 0, length).join();
            }
            byte[] after = read(DB);
            long from = random.nextLong(0, before.length);
            long to = random.nextLong(from, before.length + 1);
            if (volume.unchangedSince(DB, mark, from, to)) {
                yes++;
                assertThat(Arrays.equals(before, (int) from, (int) to, after, (int) from, (int) to))
                        .as("seed %d round %d: [%d, %d) said unchanged", seed, round, from, to).isTrue();
            }
        }
        assertThat(yes).as("some answers are yes, or the test proves nothing").isPositive();
    }

    private byte[] read(String path) {
        byte[] bytes = new byte[(int) volume.size(path)];
        volume.read(path, 0, bytes, 0, bytes.length);
        return bytes;
    }
}
