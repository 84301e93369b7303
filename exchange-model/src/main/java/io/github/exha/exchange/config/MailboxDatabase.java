package io.github.exha.exchange.config;

import java.util.Objects;
import java.util.UUID;

/**
 * A mailbox or public folder database of a storage group.
 *
 * @param guid the object's GUID (written into the database file's header at creation)
 * @param server the server owning the storage group
 * @param storageGroup the storage group's name
 * @param name its name, unique in the storage group
 * @param edbFilePath the database file ({@code F:\DB\Mailbox Database.edb})
 * @param kind mailbox or public folder
 * @param allowFileRestore "This database can be overwritten by a restore": mount files of another database object
 * @param mountAtStartup whether the store mounts it when it starts
 */
public record MailboxDatabase(UUID guid, String server, String storageGroup, String name, String edbFilePath,
        DatabaseKind kind, boolean allowFileRestore, boolean mountAtStartup) {

    /** Longest database name Exchange accepts. */
    public static final int MAX_NAME_LENGTH = 64;

    /** Validates the object. */
    public MailboxDatabase {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(storageGroup, "storageGroup");
        StorageGroup.requireObjectName(name, "database", MAX_NAME_LENGTH);
        WindowsPaths.requireAbsolute(edbFilePath, "EdbFilePath");
        if (!edbFilePath.toLowerCase(java.util.Locale.ROOT).endsWith(".edb")) {
            throw new IllegalArgumentException("EdbFilePath must name a .edb file: " + edbFilePath);
        }
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code EXCHCMS\First Storage Group\Mailbox Database}. */
    public String identity() {
        return server + "\\" + storageGroup + "\\" + name;
    }

    /** {@code EXCHCMS\First Storage Group}. */
    public String storageGroupIdentity() {
        return server + "\\" + storageGroup;
    }

    /** The same database with another file path. */
    public MailboxDatabase withEdbFilePath(String path) {
        return new MailboxDatabase(guid, server, storageGroup, name, path, kind, allowFileRestore, mountAtStartup);
    }

    /** The same database with AllowFileRestore set. */
    public MailboxDatabase withAllowFileRestore(boolean allow) {
        return new MailboxDatabase(guid, server, storageGroup, name, edbFilePath, kind, allow, mountAtStartup);
    }

    /** The same database with MountAtStartup set. */
    public MailboxDatabase withMountAtStartup(boolean mount) {
        return new MailboxDatabase(guid, server, storageGroup, name, edbFilePath, kind, allowFileRestore, mount);
    }
}
