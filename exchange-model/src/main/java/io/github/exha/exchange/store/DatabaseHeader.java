package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.Locale;
import java.util.Objects;

/**
 * The header of a database file ({@code .edb}), the part eseutil /mh prints: its state, the log generations it needs
 * to become consistent, the ESE version that last stamped it, the database object that owns it and the signature of
 * the log stream it is (or was last) attached to.
 *
 * @param state Just Created, Dirty Shutdown or Clean Shutdown
 * @param logRequired the generations recovery must replay; {@link LogRange#NONE} ({@code 0-0}) unless dirty
 * @param version the ESE version stamp
 * @param owner the database object the file belongs to
 * @param logSignature the log stream's signature
 */
public record DatabaseHeader(DatabaseState state, LogRange logRequired, EseVersion version, DatabaseIdentity owner,
        LogSignature logSignature) {
    /** Validates the header: only a dirty database requires logs, and a dirty one requires some. */
    public DatabaseHeader {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(logRequired, "logRequired");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(logSignature, "logSignature");
        if ((state == DatabaseState.DIRTY_SHUTDOWN) == logRequired.isNone()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a " + state.display() + " database requires "
                    + (logRequired.isNone() ? "a log range" : "no log") + ", not " + logRequired);
        }
    }

    /** This header with another state and required range. */
    public DatabaseHeader with(DatabaseState newState, LogRange newRange) {
        return new DatabaseHeader(newState, newRange, version, owner, logSignature);
    }

    /** The header's main lines as eseutil /mh prints them. */
    public String describe() {
        return "        Database: " + owner.name() + "\n"
                + "   Database GUID: {" + owner.guid().toString().toUpperCase(Locale.ROOT) + "}\n"
                + " Engine ulVersion: " + version + "\n"
                + "    Log Signature: " + logSignature.display() + "\n"
                + "            State: " + state.display() + "\n"
                + "     Log Required: " + logRequired + "\n";
    }
}
