package io.github.exha.exchange.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Remove-Mailbox, Remove-MailboxDatabase, New-PublicFolderDatabase and Set-StorageGroup, their refusals, and the
 * confirmation sentences EMS asks with.
 */
class RemovalAndSettingsCmdletsTest {
    private static final String DB1 = "'EXCH1\\First Storage Group\\Mailbox Database'";
    private static final String DB2 = "'EXCH1\\Second Storage Group\\Second Database'";
    private static final String SG1 = "'EXCH1\\First Storage Group'";
    private final ShellLab shell = ShellLab.create();

    @Test
    void dismountDatabaseConfirmsWithEmsOwnSentence() {
        shell.run("Mount-Database " + DB1);
        assertThat(shell.text("Dismount-Database " + DB1)).contains("Confirm\nAre you sure you want to perform this "
                + "action?\nDismounting database \"EXCH1\\First Storage Group\\Mailbox Database\". This may result in "
                + "reduced availability for mailboxes in the database.\n[Y] Yes");
        assertThat(shell.store.isMounted("EXCH1\\First Storage Group\\Mailbox Database")).isFalse();
    }

    @Test
    void dismountDatabaseWhatIfWritesEmsOwnSentenceAndLeavesItMounted() {
        shell.run("Mount-Database " + DB1);
        assertThat(shell.text("Dismount-Database " + DB1 + " -WhatIf").strip()).isEqualTo("What if: Dismounting "
                + "database \"EXCH1\\First Storage Group\\Mailbox Database\". This may result in reduced availability "
                + "for mailboxes in the database.");
        assertThat(shell.store.isMounted("EXCH1\\First Storage Group\\Mailbox Database")).isTrue();
    }

    @Test
    void removeMailboxConfirmsWithEmsWarningAboutTheUserObjectAndRemovesIt() {
        assertThat(shell.text("Remove-Mailbox paul")).contains("Are you sure you want to perform this action?\n"
                + "Removing the Mailbox \"contoso.com/Users/Paul Cunningham\" will remove the Windows user object and "
                + "mark the mailbox in the database for removal.");
        assertThat(shell.directory.mailboxes()).extracting(m -> m.alias()).containsExactly("alan");
        assertThat(shell.failed("Get-Mailbox paul").error().code()).isEqualTo("exchange.object-not-found");
    }

    @Test
    void removeMailboxWhatIfKeepsTheMailbox() {
        assertThat(shell.text("Remove-Mailbox 'contoso.com/Users/Alan Smith' -WhatIf").strip()).isEqualTo(
                "What if: Removing the Mailbox \"contoso.com/Users/Alan Smith\" will remove the Windows user object and "
                + "mark the mailbox in the database for removal.");
        assertThat(shell.directory.mailboxes()).hasSize(2);
    }

    @Test
    void removeMailboxDatabaseIsRefusedWhileMailboxesRemainAndGoesAheadOnceTheyAreRemoved() {
        var step = shell.failed("Remove-MailboxDatabase " + DB1);
        assertThat(step.error().code()).isEqualTo("exchange.wrong-state");
        assertThat(step.error().message()).contains("contains one or more mailboxes");
        assertThat(step.output()).isEmpty();
        shell.text("Get-Mailbox -Database " + DB1 + " | Remove-Mailbox -Confirm:$false");
        String text = shell.text("Remove-MailboxDatabase " + DB1);
        assertThat(text).contains("Performing operation \"Remove-MailboxDatabase\" on Target \"EXCH1\\First Storage "
                + "Group\\Mailbox Database\".").contains("WARNING: The database 'EXCH1\\First Storage Group\\Mailbox "
                + "Database' has been removed. Its file 'F:\\DB\\Mailbox Database.edb' is still on the server");
        assertThat(shell.directory.databases("EXCH1\\First Storage Group")).isEmpty();
    }

    @Test
    void removeMailboxDatabaseIsRefusedWhileMountedWithoutAsking() {
        shell.run("Mount-Database " + DB2);
        var step = shell.failed("Remove-MailboxDatabase " + DB2);
        assertThat(step.error().code()).isEqualTo("exchange.wrong-state");
        assertThat(step.error().message()).contains("is mounted. Dismount it");
        assertThat(step.output()).isEmpty();
        assertThat(shell.directory.databases("EXCH1\\Second Storage Group")).hasSize(1);
        shell.run("Dismount-Database " + DB2 + " -Confirm:$false");
        shell.text("Remove-MailboxDatabase " + DB2 + " -Confirm:$false");
        assertThat(shell.directory.databases("EXCH1\\Second Storage Group")).isEmpty();
    }

    @Test
    void removeMailboxDatabaseDoesNotTakeAPublicFolderDatabase() {
        shell.text("New-PublicFolderDatabase -Name 'Public Folder Database' -StorageGroup 'EXCH1\\Second Storage "
                + "Group'");
        var step = shell.failed("Remove-MailboxDatabase 'EXCH1\\Second Storage Group\\Public Folder Database'");
        assertThat(step.error().code()).isEqualTo("exchange.object-not-found");
    }

    @Test
    void newPublicFolderDatabaseCreatesOnePerServerDismounted() {
        String text = shell.text("New-PublicFolderDatabase -Name 'Public Folder Database' -StorageGroup 'EXCH1\\Second"
                + " Storage Group'");
        assertThat(text).contains("Public Folder Database EXCH1  EXCH1\\Second Storage Group");
        var database = shell.directory.database("EXCH1\\Second Storage Group\\Public Folder Database");
        assertThat(database.edbFilePath()).isEqualTo("E:\\Logs\\SG2\\Public Folder Database.edb");
        assertThat(shell.store.isMounted(database.identity())).isFalse();
        assertThat(shell.text("Get-PublicFolderDatabase -Server EXCH1")).contains("Public Folder Database");
        var step = shell.failed("New-PublicFolderDatabase -Name 'Second Public' -StorageGroup " + SG1
                + " -EdbFilePath 'F:\\PF\\Second Public.edb'");
        assertThat(step.error().code()).isEqualTo("exchange.limit-reached");
        assertThat(step.error().message()).contains("already has a public folder database");
    }

    @Test
    void setStorageGroupChangesCircularLoggingAndWarnsOnlyWhenADatabaseIsMounted() {
        assertThat(shell.text("Set-StorageGroup " + SG1 + " -CircularLoggingEnabled $true")).isEmpty();
        assertThat(shell.directory.storageGroup("EXCH1\\First Storage Group").circularLoggingEnabled()).isTrue();
        shell.run("Mount-Database " + DB1);
        assertThat(shell.text("Set-StorageGroup " + SG1 + " -CircularLoggingEnabled:$false").strip()).isEqualTo(
                "WARNING: The change to CircularLoggingEnabled on storage group 'EXCH1\\First Storage Group' will not "
                + "take effect until all databases in the storage group have been dismounted and mounted again.");
        assertThat(shell.directory.storageGroup("EXCH1\\First Storage Group").circularLoggingEnabled()).isFalse();
        assertThat(shell.text("Set-StorageGroup " + SG1 + " -CircularLoggingEnabled:$false")).isEmpty();
    }

    @Test
    void setStorageGroupWhatIfChangesNothingAndLegacyGroupsAreRefused() {
        assertThat(shell.text("Get-StorageGroup -Server EXCH1 | Set-StorageGroup -CircularLoggingEnabled $true "
                + "-WhatIf")).contains("What if: Performing operation \"Set-StorageGroup\" on Target \"EXCH1\\First "
                + "Storage Group\".");
        assertThat(shell.directory.storageGroups("EXCH1")).noneMatch(g -> g.circularLoggingEnabled());
        assertThat(shell.failed("Set-StorageGroup 'LEGACY\\First Storage Group' -CircularLoggingEnabled $true")
                .error().code()).isEqualTo("exchange.shell.legacy-server");
    }

    @Test
    void circularLoggingCannotBeEnabledOnAReplicatedStorageGroup() {
        var group = shell.directory.storageGroup("EXCH1\\First Storage Group");
        shell.directory.updateStorageGroup(group.withReplicated(io.github.exha.exchange.config.ReplicationKind.LOCAL));
        var step = shell.failed("Set-StorageGroup " + SG1 + " -CircularLoggingEnabled $true");
        assertThat(step.error().code()).isEqualTo("exchange.not-supported");
        assertThat(step.error().message()).contains("local continuous replication (LCR)");
    }
}
