package io.github.exha.exchange.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** New-Mailbox, Move-Mailbox (real and -ConfigurationOnly) and the seed's pipelines. */
class MailboxCmdletsTest {
    private static final String DB1 = "'EXCH1\\First Storage Group\\Mailbox Database'";
    private static final String DB2 = "'EXCH1\\Second Storage Group\\Second Database'";
    private final ShellLab shell = ShellLab.create();

    @Test
    void pipingGetMailboxIntoMoveMailboxConfigurationOnlyRehomesEveryMailboxWithoutMountedDatabases() {
        String text = shell.text("Get-Mailbox -Database " + DB1 + " | Move-Mailbox -ConfigurationOnly -TargetDatabase "
                + DB2);
        assertThat(text).contains("TargetDatabase     : EXCH1\\Second Storage Group\\Second Database")
                .contains("StatusCode         : 0");
        assertThat(shell.directory.mailboxes()).allSatisfy(m -> assertThat(m.database())
                .isEqualTo("EXCH1\\Second Storage Group\\Second Database"));
        assertThat(shell.store.calls).isEmpty();
    }

    @Test
    void aRealMoveIsRefusedWhileADatabaseIsDismountedAndLeavesTheMailboxWhereItWas() {
        shell.run("Mount-Database " + DB1);
        var step = shell.failed("Move-Mailbox paul -TargetDatabase " + DB2);
        assertThat(step.error().code()).isEqualTo("exchange.wrong-state");
        assertThat(step.error().message()).contains("database 'EXCH1\\Second Storage Group\\Second Database' is not "
                + "mounted");
        assertThat(shell.directory.mailbox("paul").database()).isEqualTo("EXCH1\\First Storage Group\\Mailbox Database");
    }

    @Test
    void aRealMoveRehomesTheMailboxOnceBothDatabasesAreMounted() {
        shell.run("Mount-Database " + DB1 + "\nMount-Database " + DB2);
        shell.text("Move-Mailbox paul -TargetDatabase " + DB2);
        assertThat(shell.text("Get-Mailbox -Database " + DB2)).contains("Paul Cunningham paul  exch1");
    }

    @Test
    void moveMailboxWhatIfChangesNothing() {
        String text = shell.text("Move-Mailbox paul -TargetDatabase " + DB2 + " -ConfigurationOnly -WhatIf");
        assertThat(text).contains("What if: Performing operation \"Move-Mailbox\" on Target \"Paul Cunningham\".");
        assertThat(shell.directory.mailbox("paul").database()).isEqualTo("EXCH1\\First Storage Group\\Mailbox Database");
    }

    @Test
    void newMailboxCreatesAUserOnTheDatabaseAndRefusesATakenAlias() {
        assertThat(shell.text("New-Mailbox -Name 'Jane Doe' -Alias jane -Database " + DB2
                + " -UserPrincipalName jane@contoso.com")).contains("Jane Doe jane  exch1      unlimited");
        var step = shell.failed("New-Mailbox -Name 'Jane Again' -Alias jane -Database " + DB2);
        assertThat(step.error().code()).isEqualTo("exchange.duplicate-name");
    }
}
