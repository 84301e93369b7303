package io.github.exha.exchange.server;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;

/**
 * What one mailbox holds in a mounted database, as the store counts it from the messages delivered to it: the numbers
 * behind {@code Get-MailboxStatistics}' ItemCount and TotalItemSize.
 *
 * @param mailbox the mailbox's alias, as the store records the recipient
 * @param itemCount the messages it holds
 * @param totalItemSize the sum of their logical sizes, in bytes
 */
public record MailboxUsage(String mailbox, long itemCount, long totalItemSize) {
    /** Validates the summary. */
    public MailboxUsage {
        if (mailbox == null || mailbox.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a mailbox usage names its mailbox");
        }
        if (itemCount < 0 || totalItemSize < 0) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a mailbox holds 0 or more items and bytes: "
                    + itemCount + ", " + totalItemSize);
        }
    }

    /** This summary with one more message of {@code size} bytes. */
    public MailboxUsage plus(long size) {
        return new MailboxUsage(mailbox, itemCount + 1, totalItemSize + size);
    }
}
