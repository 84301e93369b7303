package io.github.exha.core.kernel;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The seeded random streams of one world. Each component asks for a stream by name; a stream's seed depends
 * only on the master seed and its name, so adding a component, or drawing more from one stream, never changes
 * another stream's draws. Streams use {@code L64X128MixRandom}, whose output for a given seed is specified by
 * the JDK, so draws are the same on every JDK 17+.
 */
public final class RandomStreams {
    /** The JDK algorithm every stream uses. */
    public static final String ALGORITHM = "L64X128MixRandom";

    // Immutable and thread-safe: looked up once, not per world.
    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = RandomGeneratorFactory.of(ALGORITHM);

    private final long masterSeed;
    private final ThreadConfinement confinement;
    private final Map<String, RandomGenerator> streams = new HashMap<>();

    /** The streams derived from {@code masterSeed}, confined to the lab's thread. */
    public RandomStreams(long masterSeed, ThreadConfinement confinement) {
        if (confinement == null) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "confinement must not be null");
        }
        this.masterSeed = masterSeed;
        this.confinement = confinement;
    }

    /** The master seed. */
    public long masterSeed() {
        return masterSeed;
    }

    /**
     * The stream named {@code name}: the same generator object on every call with the same name.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} if the name is null or blank
     */
    public RandomGenerator stream(String name) {
        confinement.check();
        requireName(name);
        RandomGenerator generator = streams.get(name);
        if (generator == null) {
            generator = FACTORY.create(deriveSeed(masterSeed, name));
            streams.put(name, generator);
        }
        return generator;
    }

    /**
     * Child streams whose master seed is derived from this master seed and {@code name}, for example one per
     * Monte Carlo run. The child shares this world's thread confinement.
     */
    public RandomStreams fork(String name) {
        confinement.check();
        requireName(name);
        // A distinct prefix keeps a fork's master seed apart from the seed of the stream of the same name.
        return new RandomStreams(deriveSeed(masterSeed, "fork:" + name), confinement);
    }

    /**
     * The seed of stream {@code name} under {@code master}: the first 8 bytes (big-endian) of SHA-256 over the
     * master seed's 8 big-endian bytes followed by the UTF-8 bytes of the name.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} if the name is null or blank
     */
    public static long deriveSeed(long master, String name) {
        requireName(name);
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new ExhaException(CoreErrorCode.INTERNAL_ERROR, "SHA-256 is not available: " + e.getMessage());
        }
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(master).array());
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a random stream name must not be blank");
        }
    }

    @Override
    public String toString() {
        return "RandomStreams[masterSeed=" + masterSeed + ", streams=" + streams.size() + "]";
    }
}
