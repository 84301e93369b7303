package io.github.exha.exchange.config;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A mailbox-enabled user.
 *
 * @param guid the mailbox GUID
 * @param name the display name
 * @param alias the alias, unique in the organization
 * @param database the identity of the mailbox database holding it ({@code SRV\SG\DB})
 * @param primarySmtpAddress {@code alias@domain}
 */
public record Mailbox(UUID guid, String name, String alias, String database, String primarySmtpAddress) {
    // Compiled once: a large lab creates thousands of mailboxes.
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.]{1,64}");

    /** Validates the object. */
    public Mailbox {
        Objects.requireNonNull(guid, "guid");
        StorageGroup.requireObjectName(name, "mailbox", 64);
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("alias '" + alias + "' is not a valid alias");
        }
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(primarySmtpAddress, "primarySmtpAddress");
    }

    /** The same mailbox homed on another database. */
    public Mailbox withDatabase(String databaseIdentity) {
        return new Mailbox(guid, name, alias, databaseIdentity, primarySmtpAddress);
    }
}
