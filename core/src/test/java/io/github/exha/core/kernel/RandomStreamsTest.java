package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    private final ThreadConfinement confinement = new ThreadConfinement("streams");

    private static long[] draw(RandomGenerator generator, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = generator.nextLong();
        }
        return values;
    }

    @Test
    void theSameNameReturnsTheSameGenerator() {
        RandomStreams streams = new RandomStreams(42, confinement);
        assertThat(streams.stream("disk.latency")).isSameAs(streams.stream("disk.latency"));
        assertThat(streams.stream("disk.latency")).isNotSameAs(streams.stream("net.latency"));
    }

    @Test
    void theSameSeedAndNameGiveTheSameDraws() {
        long[] a = draw(new RandomStreams(42, confinement).stream("x"), 100);
        long[] b = draw(new RandomStreams(42, confinement).stream("x"), 100);
        long[] c = draw(new RandomStreams(43, confinement).stream("x"), 100);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void addingANewStreamAndDrawingFromItDoesNotChangeAnotherStreamsDraws() {
        RandomStreams alone = new RandomStreams(7, confinement);
        long[] reference = draw(alone.stream("replication.copier"), 50);

        RandomStreams crowded = new RandomStreams(7, confinement);
        RandomGenerator copier = crowded.stream("replication.copier");
        long[] interleaved = new long[50];
        for (int i = 0; i < 50; i++) {
            interleaved[i] = copier.nextLong();
            // A component added later, drawing between every draw of the first one.
            crowded.stream("cluster.heartbeat").nextLong();
            crowded.stream("new.component." + (i % 3)).nextDouble();
        }
        assertThat(interleaved).isEqualTo(reference);
    }

    @Test
    void deriveSeedIsTheFirstEightBytesOfSha256OverSeedAndName() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(ByteBuffer.allocate(8).putLong(123456789L).array());
        sha.update("san.link".getBytes(StandardCharsets.UTF_8));
        long expected = ByteBuffer.wrap(sha.digest()).getLong();
        assertThat(RandomStreams.deriveSeed(123456789L, "san.link")).isEqualTo(expected);
        RandomGenerator direct = RandomGeneratorFactory.of("L64X128MixRandom").create(expected);
        assertThat(draw(new RandomStreams(123456789L, confinement).stream("san.link"), 10)).isEqualTo(draw(direct, 10));
    }

    @Test
    void forksAreDeterministicAndIndependent() {
        RandomStreams root = new RandomStreams(99, confinement);
        RandomStreams run1 = root.fork("run-1");
        assertThat(run1.masterSeed()).isEqualTo(new RandomStreams(99, confinement).fork("run-1").masterSeed());
        assertThat(run1.masterSeed()).isNotEqualTo(root.fork("run-2").masterSeed()).isNotEqualTo(99L);
        assertThat(draw(run1.stream("x"), 5)).isNotEqualTo(draw(root.fork("run-2").stream("x"), 5));
        assertThat(run1.masterSeed()).isNotEqualTo(RandomStreams.deriveSeed(99, "run-1"));
    }

    @Test
    void blankNamesAreRejected() {
        RandomStreams streams = new RandomStreams(1, confinement);
        for (String bad : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> streams.stream(bad)).isInstanceOfSatisfying(ExhaException.class,
                    e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
            assertThatThrownBy(() -> streams.fork(bad)).isInstanceOf(ExhaException.class);
            assertThatThrownBy(() -> RandomStreams.deriveSeed(1, bad)).isInstanceOf(ExhaException.class);
        }
    }
}
