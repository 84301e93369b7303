package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.Objects;

/**
 * The header of a log file that holds a generation of a stream (eseutil /ml shows it): format, base name, generation,
 * the stream's signature and when this generation was started.
 *
 * @param format the Exchange version's log format
 * @param prefix the stream's base name, {@code E00}
 * @param generation the generation, from 1
 * @param signature the stream's signature, the same in every log of the stream
 * @param created when this generation was started
 */
public record LogHeader(LogFormat format, LogPrefix prefix, long generation, LogSignature signature,
        java.time.Instant created) {
    /** Validates the header. */
    public LogHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(created, "created");
        if (generation < 1 || generation > format.maxGeneration()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "log generation " + generation + " is outside 1.."
                    + format.maxGeneration());
        }
    }

    /** The header as eseutil /ml prints its main lines. */
    public String describe() {
        return "      Base name: " + prefix.value() + "\n"
                + "      lGeneration: " + generation + " (0x" + Long.toHexString(generation).toUpperCase(java.util.Locale.ROOT)
                + ")\n"
                + "      Signature: " + signature.display() + "\n"
                + "      Log size: " + (format.logSize() >> 10) + " KB\n";
    }
}
