package io.github.exha.exchange.shell;

import io.github.exha.core.command.PsObject;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.Mailbox;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.ServerRole;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.server.MailboxUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The objects the EMS cmdlets write, built from the directory's records: the properties {@code | fl} lists and the
 * columns EMS's default table view shows. Each carries an {@code Identity}, which is what binds when it is piped.
 */
final class EmsObjects {
    /** Where Exchange 2007 setup puts storage groups and databases unless told otherwise. */
    static final String DEFAULT_MAILBOX_FOLDER = "C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox";
    /** What EMS shows for a quota that is not set. */
    static final String UNLIMITED = "unlimited";

    private EmsObjects() {
    }

    /** {@code Get-ExchangeServer}'s object. */
    static PsObject exchangeServer(ExchangeServer server) {
        return PsObject.builder("Microsoft.Exchange.Data.Directory.Management.ExchangeServer")
                .add("Name", server.name())
                .add("Site", siteText(server))
                .add("ServerRole", roleText(server))
                .add("Edition", server.edition())
                .add("AdminDisplayVersion", server.build().displayVersion())
                .add("Identity", server.name())
                .add("Fqdn", server.fqdn())
                .add("Domain", server.domain())
                .add("IsExchange2007OrLater", server.version() == ExchangeVersion.EXCHANGE_2007)
                .add("IsMemberOfCluster", server.isClustered() ? "Yes" : "No")
                .add("Guid", server.guid().toString())
                .tableColumns("Name", "Site", "ServerRole", "Edition", "AdminDisplayVersion")
                .build();
    }

    /** {@code Get-MailboxServer}'s object. */
    static PsObject mailboxServer(ExchangeServer server) {
        List<String> redundant = server.cluster().map(c -> c.redundantMachines()).orElse(List.of());
        return PsObject.builder("Microsoft.Exchange.Data.Directory.Management.MailboxServer")
                .add("Name", server.name())
                .add("RedundantMachines", redundant)
                .add("DataPath", DEFAULT_MAILBOX_FOLDER)
                .add("Identity", server.name())
                .add("AutoDatabaseMountDial", server.autoDatabaseMountDial())
                .add("ForcedDatabaseMountAfter", server.forcedDatabaseMountAfter().orElse(null))
                .add("ClusteredStorageType", server.clusteredStorageType())
                .add("Fqdn", server.fqdn())
                .add("AdminDisplayVersion", server.build().displayVersion())
                .add("Guid", server.guid().toString())
                .tableColumns("Name", "RedundantMachines", "DataPath")
                .build();
    }

    /** {@code Get-StorageGroup}'s object: the table of seed 002 (Name, Server, Replicated). */
    static PsObject storageGroup(StorageGroup group) {
        return PsObject.builder("Microsoft.Exchange.Data.Directory.SystemConfiguration.StorageGroup")
                .add("Name", group.name())
                .add("Server", group.server())
                .add("Replicated", group.replicated())
                .add("Identity", group.identity())
                .add("LogFolderPath", group.logFolderPath())
                .add("SystemFolderPath", group.systemFolderPath())
                .add("LogFilePrefix", group.logFilePrefix())
                .add("CircularLoggingEnabled", group.circularLoggingEnabled())
                .add("Recovery", group.recovery())
                .add("Guid", group.guid().toString())
                .tableColumns("Name", "Server", "Replicated")
                .build();
    }

    /**
     * {@code Get-MailboxDatabase}'s object; {@code mounted} is present only under {@code -Status}, which adds the
     * Mounted column (EMS leaves the property empty otherwise).
     */
    static PsObject mailboxDatabase(MailboxDatabase database, Optional<Boolean> mounted) {
        List<String> columns = new ArrayList<>(List.of("Name", "Server", "StorageGroup", "Recovery"));
        mounted.ifPresent(m -> columns.add("Mounted"));
        return PsObject.builder("Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase")
                .add("Name", database.name())
                .add("Server", database.server())
                .add("StorageGroup", database.storageGroupIdentity())
                .add("Recovery", false)
                .add("Mounted", mounted.orElse(null))
                .add("Identity", database.identity())
                .add("EdbFilePath", database.edbFilePath())
                .add("AllowFileRestore", database.allowFileRestore())
                .add("MountAtStartup", database.mountAtStartup())
                .add("ProhibitSendQuota", UNLIMITED)
                .add("Guid", database.guid().toString())
                .tableColumns(columns.toArray(String[]::new))
                .build();
    }

    /** {@code Get-PublicFolderDatabase}'s object. */
    static PsObject publicFolderDatabase(MailboxDatabase database, Optional<Boolean> mounted) {
        List<String> columns = new ArrayList<>(List.of("Name", "Server", "StorageGroup"));
        mounted.ifPresent(m -> columns.add("Mounted"));
        return PsObject.builder("Microsoft.Exchange.Data.Directory.SystemConfiguration.PublicFolderDatabase")
                .add("Name", database.name())
                .add("Server", database.server())
                .add("StorageGroup", database.storageGroupIdentity())
                .add("Mounted", mounted.orElse(null))
                .add("Identity", database.identity())
                .add("EdbFilePath", database.edbFilePath())
                .add("AllowFileRestore", database.allowFileRestore())
                .add("MountAtStartup", database.mountAtStartup())
                .add("Guid", database.guid().toString())
                .tableColumns(columns.toArray(String[]::new))
                .build();
    }

    /** {@code Get-Mailbox}'s object: EMS shows ServerName in lower case and an unset quota as "unlimited". */
    static PsObject mailbox(Mailbox mailbox, MailboxDatabase database, String domain) {
        return PsObject.builder("Microsoft.Exchange.Data.Directory.Management.Mailbox")
                .add("Name", mailbox.name())
                .add("Alias", mailbox.alias())
                .add("ServerName", database.server().toLowerCase(Locale.ROOT))
                .add("ProhibitSendQuota", UNLIMITED)
                .add("Identity", domain + "/Users/" + mailbox.name())
                .add("Database", database.identity())
                .add("PrimarySmtpAddress", mailbox.primarySmtpAddress())
                .add("ExchangeGuid", mailbox.guid().toString())
                .tableColumns("Name", "Alias", "ServerName", "ProhibitSendQuota")
                .build();
    }

    /**
     * {@code Get-MailboxStatistics}' object (EMS 2007): ItemCount and TotalItemSize from what the database holds,
     * TotalItemSize in bytes with EMS 2007's {@code B} suffix. StorageLimitStatus is NoChecking because no quota is set
     * anywhere in the lab (databases show ProhibitSendQuota unlimited); nobody logs on, so LastLogonTime is empty.
     */
    static PsObject mailboxStatistics(Mailbox mailbox, MailboxDatabase database, MailboxUsage usage) {
        return PsObject.builder("Microsoft.Exchange.Data.Mapi.MailboxStatistics")
                .add("DisplayName", mailbox.name())
                .add("ItemCount", usage.itemCount())
                .add("StorageLimitStatus", "NoChecking")
                .add("LastLogonTime", null)
                .add("AssociatedItemCount", 0L)
                .add("DeletedItemCount", 0L)
                .add("LastLoggedOnUserAccount", null)
                .add("LastLogoffTime", null)
                .add("MailboxGuid", mailbox.guid().toString())
                .add("TotalDeletedItemSize", "0B")
                .add("TotalItemSize", usage.totalItemSize() + "B")
                .add("Database", database.identity())
                .add("ServerName", database.server())
                .add("StorageGroupName", database.storageGroup())
                .add("DatabaseName", database.name())
                .add("Identity", mailbox.guid().toString())
                .add("IsValid", true)
                .tableColumns("DisplayName", "ItemCount", "StorageLimitStatus", "LastLogonTime")
                .build();
    }

    private static String siteText(ExchangeServer server) {
        return server.domain() + "/Configuration/Sites/" + server.site();
    }

    private static String roleText(ExchangeServer server) {
        return switch (server.version()) {
            // EMS shows legacy servers without 2007 roles.
            case EXCHANGE_2003 -> "None";
            case EXCHANGE_2007 -> String.join(", ", server.roles().stream().map(ServerRole::powerShellName).toList());
        };
    }

}
