package io.github.exha.exchange.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.exchange.error.ExchangeErrorCode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExchangeDirectoryTest {
    private final Kernel kernel = Kernel.create("t", 1, Instant.parse("2008-03-01T00:00:00Z"));
    private final ExchangeDirectory directory = new ExchangeDirectory(new ExchangeOrganization("Contoso",
            "contoso.com"), kernel.journal(), kernel.streams().stream("guids"));

    private ExchangeServer standalone(String name, ExchangeEdition edition, ExchangeBuild build) {
        return directory.addServer(new ExchangeServer(directory.newGuid(), name, "contoso.com", "Default-First-Site",
                build, edition, EnumSet.of(ServerRole.MAILBOX), ServerKind.STANDALONE, Optional.of(name),
                Optional.empty(), AutoDatabaseMountDial.GOOD_AVAILABILITY, Optional.empty()));
    }

    private ExchangeServer cms(String name, ExchangeEdition edition) {
        return new ExchangeServer(directory.newGuid(), name, "contoso.com", "Default-First-Site",
                ExchangeBuild.EXCHANGE_2007_SP1, edition, EnumSet.of(ServerRole.MAILBOX),
                ServerKind.CLUSTERED_MAILBOX_SERVER, Optional.empty(), Optional.of(new ClusterPlacement("SCCCLUSTER",
                        "192.168.10.30", ClusteredStorageType.SHARED, List.of("NODE1", "NODE2"))),
                AutoDatabaseMountDial.GOOD_AVAILABILITY, Optional.empty());
    }

    @Test
    void identitiesReadAsEmsPrintsThem() {
        standalone("EXCHMAILBOX", ExchangeEdition.ENTERPRISE, ExchangeBuild.EXCHANGE_2007_SP1);
        StorageGroup group = directory.addStorageGroup("EXCHMAILBOX", "First Storage Group", "E:\\Logs\\SG1",
                "E:\\Logs\\SG1", false, false);
        MailboxDatabase database = directory.addDatabase(group.identity(), "Mailbox Database",
                "E:\\DB\\Mailbox Database.edb", DatabaseKind.MAILBOX);
        assertThat(group.identity()).isEqualTo("EXCHMAILBOX\\First Storage Group");
        assertThat(group.logFilePrefix()).isEqualTo("E00");
        assertThat(database.identity()).isEqualTo("EXCHMAILBOX\\First Storage Group\\Mailbox Database");
        assertThat(directory.database("exchmailbox\\mailbox database")).isEqualTo(database);
        assertThat(directory.database("Mailbox Database")).isEqualTo(database);
        assertThat(directory.server("EXCHMAILBOX.contoso.com").build().displayVersion())
                .isEqualTo("Version 8.1 (Build 240.6)");
        assertThat(directory.addStorageGroup("EXCHMAILBOX", "Second Storage Group", "E:\\Logs\\SG2", "E:\\Logs\\SG2",
                false, false).logFilePrefix()).isEqualTo("E01");
    }

    @Test
    void lookupsSeeEveryChangeAndTheRevisionMovesWithEachOne() {
        standalone("EXCHMAILBOX", ExchangeEdition.ENTERPRISE, ExchangeBuild.EXCHANGE_2007_SP1);
        StorageGroup group = directory.addStorageGroup("EXCHMAILBOX", "First Storage Group", "E:\\Logs\\SG1",
                "E:\\Logs\\SG1", false, false);
        MailboxDatabase database = directory.addDatabase(group.identity(), "Mailbox Database",
                "E:\\DB\\Mailbox Database.edb", DatabaseKind.MAILBOX);
        Mailbox mailbox = directory.addMailbox("User 1", "user1", database.identity());
        // Looked up once, so a stale answer would show below.
        assertThat(directory.storageGroup(group.identity())).isEqualTo(group);
        assertThat(directory.database(database.identity())).isEqualTo(database);
        assertThat(directory.mailbox("user1")).isEqualTo(mailbox);
        assertThat(directory.databases(group.identity())).containsExactly(database);
        long before = directory.revision();

        StorageGroup replicated = directory.updateStorageGroup(group.withReplicated(ReplicationKind.LOCAL));
        MailboxDatabase moved = directory.updateDatabase(database.withEdbFilePath("F:\\DB\\Mailbox Database.edb"));
        directory.removeMailbox("user1");

        assertThat(directory.revision()).isEqualTo(before + 3);
        assertThat(directory.storageGroup(group.identity())).isEqualTo(replicated);
        assertThat(directory.database(database.identity()).edbFilePath()).isEqualTo(moved.edbFilePath());
        assertThat(directory.databases(group.identity())).containsExactly(moved);
        assertThatThrownBy(() -> directory.mailbox("user1")).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(ExchangeErrorCode.OBJECT_NOT_FOUND));
    }

    @Test
    void aClusteredMailboxServerNeedsTheEnterpriseEditionAndNothingIsAdded() {
        assertThatThrownBy(() -> directory.addServer(cms("EXCHCMS", ExchangeEdition.STANDARD)))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code())
                        .isEqualTo(ExchangeErrorCode.EDITION_NOT_SUPPORTED));
        assertThat(directory.servers()).isEmpty();
        assertThat(directory.addServer(cms("EXCHCMS", ExchangeEdition.ENTERPRISE)).fqdn())
                .isEqualTo("EXCHCMS.contoso.com");
    }

    @Test
    void aClusteredMailboxServerHoldsTheMailboxRoleAlone() {
        assertThatThrownBy(() -> new ExchangeServer(directory.newGuid(), "EXCHCMS", "contoso.com", "Site",
                ExchangeBuild.EXCHANGE_2007_SP1, ExchangeEdition.ENTERPRISE,
                EnumSet.of(ServerRole.MAILBOX, ServerRole.HUB_TRANSPORT), ServerKind.CLUSTERED_MAILBOX_SERVER,
                Optional.empty(), Optional.of(new ClusterPlacement("C", "10.0.0.1", ClusteredStorageType.SHARED,
                        List.of("N1"))), AutoDatabaseMountDial.LOSSLESS, Optional.empty()))
                .hasMessageContaining("Mailbox role alone");
        assertThatThrownBy(() -> new ExchangeInstallation("NODE1", ExchangeBuild.EXCHANGE_2007_SP1,
                ExchangeEdition.ENTERPRISE, Set.of(ServerRole.MAILBOX, ServerRole.CLIENT_ACCESS), true,
                Optional.empty())).hasMessageContaining("no other server role");
    }

    @Test
    void standardEditionStopsAtFiveStorageGroupsEnterpriseAtFifty() {
        standalone("STD", ExchangeEdition.STANDARD, ExchangeBuild.EXCHANGE_2007_SP1);
        standalone("ENT", ExchangeEdition.ENTERPRISE, ExchangeBuild.EXCHANGE_2007_SP1);
        for (int i = 1; i <= 5; i++) {
            directory.addStorageGroup("STD", "SG" + i, "E:\\L" + i, "E:\\L" + i, false, false);
        }
        assertThatThrownBy(() -> directory.addStorageGroup("STD", "SG6", "E:\\L6", "E:\\L6", false, false))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code())
                        .isEqualTo(ExchangeErrorCode.LIMIT_REACHED))
                .hasMessageContaining("Standard Edition");
        assertThat(directory.storageGroups("STD")).hasSize(5);
        for (int i = 1; i <= 50; i++) {
            directory.addStorageGroup("ENT", "SG" + i, "E:\\L" + i, "E:\\L" + i, false, false);
        }
        assertThatThrownBy(() -> directory.addStorageGroup("ENT", "SG51", "E:\\L51", "E:\\L51", false, false))
                .hasMessageContaining("50 storage groups");
        // The recovery storage group does not count against the limit.
        assertThat(directory.addStorageGroup("ENT", "Recovery Storage Group", "E:\\RSG", "E:\\RSG", false, true)
                .recovery()).isTrue();
    }

    @Test
    void aStorageGroupHoldsAtMostFiveDatabasesAndAReplicatedOneOnlyOne() {
        standalone("EX1", ExchangeEdition.ENTERPRISE, ExchangeBuild.EXCHANGE_2007_SP1);
        StorageGroup group = directory.addStorageGroup("EX1", "SG", "E:\\L", "E:\\L", false, false);
        for (int i = 1; i <= 5; i++) {
            directory.addDatabase(group.identity(), "DB" + i, "E:\\DB" + i + ".edb", DatabaseKind.MAILBOX);
        }
        assertThatThrownBy(() -> directory.addDatabase(group.identity(), "DB6", "E:\\DB6.edb", DatabaseKind.MAILBOX))
                .hasMessageContaining("already has 5 databases");
        StorageGroup replicated = directory.updateStorageGroup(directory.addStorageGroup("EX1", "CCR", "F:\\L",
                "F:\\L", false, false).withReplicated(ReplicationKind.LOCAL));
        directory.addDatabase(replicated.identity(), "One", "F:\\One.edb", DatabaseKind.MAILBOX);
        assertThatThrownBy(() -> directory.addDatabase(replicated.identity(), "Two", "F:\\Two.edb",
                DatabaseKind.MAILBOX)).hasMessageContaining("can contain only one database");
    }

    @Test
    void badIdentitiesGiveEmsMessages() {
        standalone("EX1", ExchangeEdition.ENTERPRISE, ExchangeBuild.EXCHANGE_2007_SP1);
        standalone("EX2", ExchangeEdition.ENTERPRISE, ExchangeBuild.EXCHANGE_2007_SP1);
        directory.addStorageGroup("EX1", "First Storage Group", "E:\\L", "E:\\L", false, false);
        directory.addStorageGroup("EX2", "First Storage Group", "E:\\L", "E:\\L", false, false);
        assertThatThrownBy(() -> directory.storageGroup("First Storage Group"))
                .hasMessage("The operation could not be performed because 'First Storage Group' matches multiple "
                        + "entries.");
        assertThatThrownBy(() -> directory.server("NOPE")).hasMessage("The operation could not be performed because "
                + "object 'NOPE' could not be found on domain controller 'DC1.contoso.com'.");
        assertThatThrownBy(() -> directory.addStorageGroup("EX1", "Bad\\Name", "E:\\X", "E:\\X", false, false))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code())
                        .isEqualTo(ExchangeErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> directory.addStorageGroup("EX1", "Other", "relative\\path", "E:\\X", false, false))
                .hasMessageContaining("absolute local path");
    }

    @Test
    void buildsParseFromTheNamesAdministratorsUse() {
        assertThat(ExchangeBuild.parse("2003 SP1")).contains(ExchangeBuild.EXCHANGE_2003_SP1);
        assertThat(ExchangeBuild.parse("Exchange 2007 RTM")).contains(ExchangeBuild.EXCHANGE_2007_RTM);
        assertThat(ExchangeBuild.parse("6.5.7226.6")).contains(ExchangeBuild.EXCHANGE_2003_SP1);
        assertThat(ExchangeBuild.parse("EXCHANGE_2007_SP3")).contains(ExchangeBuild.EXCHANGE_2007_SP3);
        assertThat(ExchangeBuild.parse("2010")).isEmpty();
        assertThat(ExchangeBuild.EXCHANGE_2003_SP1.displayVersion()).isEqualTo("Version 6.5 (Build 7226.6: Service Pack 1)");
        assertThat(ExchangeBuild.EXCHANGE_2007_RTM.displayVersion()).isEqualTo("Version 8.0 (Build 685.24)");
        assertThat(ExchangeBuild.EXCHANGE_2003_SP1.isNewerThan(ExchangeBuild.EXCHANGE_2003_RTM)).isTrue();
        assertThat(ExchangeBuild.EXCHANGE_2007_RTM.isNewerThan(ExchangeBuild.EXCHANGE_2003_SP2)).isFalse();
    }
}
