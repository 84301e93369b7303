package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * One delivered message as the store logs it and keeps it in the database: which database, the message's id and
 * mailbox, its logical size and its body's checksum. Bodies are synthetic: the logical size consumes log space (about
 * 1 MB of mail fills a 2007 log) while the record itself takes a few dozen bytes.
 *
 * @param database the GUID of the database the message was delivered to
 * @param messageId the message's id, unique per workload
 * @param mailbox the recipient mailbox
 * @param logicalSize the message's size in bytes
 * @param checksum a checksum of the (synthetic) body, kept to check a copy's integrity
 */
public record MessageRecord(UUID database, long messageId, String mailbox, long logicalSize, int checksum) {
    /** The longest mailbox name, in UTF-8 bytes. */
    public static final int MAX_MAILBOX_BYTES = 1024;

    private static final byte TYPE_MESSAGE = 1;
    /** Bytes a record takes besides its payload: the 2-byte length and the 4-byte CRC. */
    static final int FRAMING = 6;

    /** Validates the record. */
    public MessageRecord {
        Objects.requireNonNull(database, "database");
        if (messageId < 0) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a message id is not negative: " + messageId);
        }
        // A char takes at most 3 UTF-8 bytes, so only a long name needs encoding to be measured (records are built
        // for every delivery and every replayed log record).
        if (mailbox == null || mailbox.isBlank() || mailbox.length() * 3 > MAX_MAILBOX_BYTES
                && mailbox.getBytes(StandardCharsets.UTF_8).length > MAX_MAILBOX_BYTES) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a mailbox name is 1.." + MAX_MAILBOX_BYTES
                    + " UTF-8 bytes: " + mailbox);
        }
        if (logicalSize < 0) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a message size is not negative: " + logicalSize);
        }
    }

    /** The record framed as the log and database files hold it: length, payload, CRC-32C of the payload. */
    byte[] encode() {
        byte[] name = mailbox.getBytes(StandardCharsets.UTF_8);
        int payload = 1 + 16 + 8 + 8 + 4 + 2 + name.length;
        ByteBuffer out = ByteBuffer.allocate(payload + FRAMING);
        out.putShort((short) payload);
        out.put(TYPE_MESSAGE);
        FileCodec.putUuid(out, database);
        out.putLong(messageId);
        out.putLong(logicalSize);
        out.putInt(checksum);
        FileCodec.putString(out, name);
        out.putInt(FileCodec.crc(out.array(), 2, payload));
        return out.array();
    }

    /**
     * Reads the framed record at {@code in}'s position and moves past it.
     *
     * @return the record, or null at an end marker (a zero length, or fewer bytes than a length)
     * @throws IllegalArgumentException when the record is truncated or fails its checksum
     */
    static MessageRecord decode(ByteBuffer in) {
        if (in.remaining() < 2) {
            return null;
        }
        int payload = Short.toUnsignedInt(in.getShort());
        if (payload == 0) {
            return null;
        }
        if (payload + 4 > in.remaining()) {
            throw new IllegalArgumentException("a record of " + payload + " bytes runs past the end");
        }
        int start = in.position();
        int expected = FileCodec.crc(in.array(), in.arrayOffset() + start, payload);
        ByteBuffer body = ByteBuffer.wrap(in.array(), in.arrayOffset() + start, payload).slice();
        in.position(start + payload);
        if (in.getInt() != expected) {
            throw new IllegalArgumentException("a record fails its checksum");
        }
        return FileCodec.decode(() -> {
            if (body.get() != TYPE_MESSAGE) {
                throw new IllegalArgumentException("unknown record type");
            }
            UUID database = FileCodec.getUuid(body);
            long id = body.getLong();
            long size = body.getLong();
            int checksum = body.getInt();
            String mailbox = FileCodec.getString(body);
            return new MessageRecord(database, id, mailbox, size, checksum);
        });
    }
}
