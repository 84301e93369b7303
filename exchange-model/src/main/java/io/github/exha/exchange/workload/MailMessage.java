package io.github.exha.exchange.workload;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * One generated message. Its body is synthetic: only its size matters, and its checksum is a function of the other
 * fields ({@link #checksumOf}), so a copy can be checked anywhere.
 *
 * @param id the message's id, unique and sequential within its generator
 * @param mailbox the recipient mailbox
 * @param sizeBytes the message's size
 * @param checksum the body's checksum
 * @param submitted when the generator submitted it
 */
public record MailMessage(long id, String mailbox, long sizeBytes, int checksum, Instant submitted) {
    /** Validates the message. */
    public MailMessage {
        if (id < 0 || sizeBytes < 0) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a message's id and size are not negative: id "
                    + id + ", size " + sizeBytes);
        }
        if (mailbox == null || mailbox.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a message needs a mailbox");
        }
        Objects.requireNonNull(submitted, "submitted");
    }

    /** The checksum of the synthetic body of message {@code id} to {@code mailbox} of {@code sizeBytes}: CRC-32C. */
    public static int checksumOf(long id, String mailbox, long sizeBytes) {
        byte[] name = mailbox.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(16 + name.length).putLong(id).putLong(sizeBytes).put(name);
        CRC32C crc = new CRC32C();
        crc.update(bytes.array());
        return (int) crc.getValue();
    }
}
