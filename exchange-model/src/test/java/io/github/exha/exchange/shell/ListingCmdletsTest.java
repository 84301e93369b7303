package io.github.exha.exchange.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Get- cmdlets print EMS's default tables and lists. */
class ListingCmdletsTest {
    private final ShellLab shell = ShellLab.create();

    @Test
    void getStorageGroupPrintsNameServerAndReplicatedAsInSeed002() {
        assertThat(shell.text("Get-StorageGroup -Server EXCH1")).isEqualTo("""

                Name                 Server Replicated
                ----                 ------ ----------
                First Storage Group  EXCH1  None
                Second Storage Group EXCH1  None

                """);
    }

    @Test
    void getExchangeServerShowsSiteRolesEditionAndAdminDisplayVersion() {
        assertThat(shell.text("Get-ExchangeServer")).isEqualTo("""

                Name   Site                                       ServerRole                          Edition    AdminDisplayVersion
                ----   ----                                       ----------                          -------    -------------------
                CCRCMS contoso.com/Configuration/Sites/Production Mailbox                             Enterprise Version 8.1 (Build 240.6)
                EXCH1  contoso.com/Configuration/Sites/Production Mailbox, ClientAccess, HubTransport Enterprise Version 8.1 (Build 240.6)
                LEGACY contoso.com/Configuration/Sites/Production None                                Enterprise Version 6.5 (Build 7638.2: Service Pack 2)

                """);
    }

    @Test
    void getMailboxServerListsOnlyExchange2007MailboxServersWithClusteredStorageTypeInTheList() {
        String table = shell.text("Get-MailboxServer");
        assertThat(table).contains("EXCH1").contains("CCRCMS").doesNotContain("LEGACY");
        assertThat(shell.text("Get-MailboxServer CCRCMS | fl")).contains("ClusteredStorageType     : NonShared")
                .contains("AutoDatabaseMountDial    : GoodAvailability");
    }

    @Test
    void getMailboxDatabaseWithStatusAddsTheMountedColumn() {
        shell.run("Mount-Database 'EXCH1\\First Storage Group\\Mailbox Database'");
        assertThat(shell.text("Get-MailboxDatabase -Server EXCH1 -Status")).isEqualTo("""

                Name             Server StorageGroup               Recovery Mounted
                ----             ------ ------------               -------- -------
                Mailbox Database EXCH1  EXCH1\\First Storage Group  False    True
                Second Database  EXCH1  EXCH1\\Second Storage Group False    False

                """);
        assertThat(shell.text("Get-MailboxDatabase -StorageGroup 'EXCH1\\Second Storage Group'"))
                .doesNotContain("Mounted").contains("Second Database");
    }

    @Test
    void getMailboxShowsServerNameInLowerCaseAndUnlimitedQuota() {
        assertThat(shell.text("Get-Mailbox -Database 'EXCH1\\First Storage Group\\Mailbox Database'")).isEqualTo("""

                Name            Alias ServerName ProhibitSendQuota
                ----            ----- ---------- -----------------
                Paul Cunningham paul  exch1      unlimited
                Alan Smith      alan  exch1      unlimited

                """);
    }

    @Test
    void anUnknownIdentityFailsWithEmsNotFoundMessage() {
        var step = shell.failed("Get-StorageGroup 'EXCH1\\Nope'");
        assertThat(step.error().code()).isEqualTo("exchange.object-not-found");
        assertThat(step.error().message()).isEqualTo("The operation could not be performed because object "
                + "'EXCH1\\Nope' could not be found on domain controller 'DC1.contoso.com'.");
    }
}
