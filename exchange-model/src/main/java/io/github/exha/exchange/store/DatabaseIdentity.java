package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.Objects;
import java.util.UUID;

/**
 * The database object a database file belongs to, as stamped in its header: its name
 * ({@code MBX1\First Storage Group\Mailbox Database}) and its GUID. Mounting files stamped with another identity is
 * refused unless the database allows a file restore.
 *
 * @param name the database's identity as the management shell shows it
 * @param guid the database object's GUID
 */
public record DatabaseIdentity(String name, UUID guid) {
    /** Validates the identity. */
    public DatabaseIdentity {
        if (name == null || name.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a database identity needs a name");
        }
        if (name.length() > 512) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a database name is at most 512 characters: " + name);
        }
        Objects.requireNonNull(guid, "guid");
    }

    @Override
    public String toString() {
        return name + " {" + guid + "}";
    }
}
