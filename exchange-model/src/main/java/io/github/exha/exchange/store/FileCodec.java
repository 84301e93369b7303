package io.github.exha.exchange.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The binary encoding shared by the store's files: big-endian numbers, length-prefixed UTF-8, instants as seconds and
 * nanoseconds, and CRC-32C checksums. Decoding failures surface as {@link IllegalArgumentException} for the file
 * readers to report as corruption.
 */
final class FileCodec {
    private FileCodec() {
    }

    static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    static void putString(ByteBuffer out, String value) {
        putString(out, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string already encoded as UTF-8. */
    static void putString(ByteBuffer out, byte[] utf8) {
        out.putShort((short) utf8.length);
        out.put(utf8);
    }

    static String getString(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new IllegalArgumentException("a string runs past the end");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void putInstant(ByteBuffer out, Instant instant) {
        out.putLong(instant.getEpochSecond());
        out.putInt(instant.getNano());
    }

    static Instant getInstant(ByteBuffer in) {
        long seconds = in.getLong();
        int nanos = in.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("bad nanoseconds " + nanos);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    static void putUuid(ByteBuffer out, UUID uuid) {
        out.putLong(uuid.getMostSignificantBits());
        out.putLong(uuid.getLeastSignificantBits());
    }

    static UUID getUuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    static void putSignature(ByteBuffer out, LogSignature signature) {
        out.putInt((int) signature.random());
        putInstant(out, signature.created());
    }

    static LogSignature getSignature(ByteBuffer in) {
        long random = Integer.toUnsignedLong(in.getInt());
        return new LogSignature(random, getInstant(in));
    }

    /** Runs a decoder, turning buffer underflows and invalid values into {@link IllegalArgumentException}. */
    static <T> T decode(java.util.function.Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (BufferUnderflowException | io.github.exha.core.error.ExhaException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "truncated" : e.getMessage(), e);
        }
    }
}
