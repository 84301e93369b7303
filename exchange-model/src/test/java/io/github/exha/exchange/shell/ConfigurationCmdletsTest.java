package io.github.exha.exchange.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.exchange.config.AutoDatabaseMountDial;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cmdlets that change storage groups, databases and servers, and their refusals. */
class ConfigurationCmdletsTest {
    private final ShellLab shell = ShellLab.create();

    @Test
    void seed000PipelineSetsAllowFileRestoreOnEveryDatabaseOfTheServer() {
        shell.text("Get-MailboxDatabase –server EXCH1 | Set-MailboxDatabase –allowfilerestore:$TRUE");
        assertThat(shell.directory.databasesOnServer("EXCH1")).allSatisfy(d -> assertThat(d.allowFileRestore())
                .isTrue());
        assertThat(shell.directory.database("CCRCMS\\First Storage Group\\Mailbox Database").allowFileRestore())
                .isFalse();
    }

    @Test
    void newStorageGroupAndDatabaseUseExchangeDefaultPathsAndTheDatabaseStaysDismounted() {
        shell.text("New-StorageGroup -Name 'Third Storage Group' -Server EXCH1");
        var group = shell.directory.storageGroup("EXCH1\\Third Storage Group");
        assertThat(group.logFolderPath()).isEqualTo(
                "C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox\\Third Storage Group");
        assertThat(group.logFilePrefix()).isEqualTo("E02");
        String text = shell.text("New-MailboxDatabase -Name DB3 -StorageGroup 'EXCH1\\Third Storage Group'");
        assertThat(text).contains("DB3  EXCH1  EXCH1\\Third Storage Group False");
        assertThat(shell.directory.database("EXCH1\\Third Storage Group\\DB3").edbFilePath()).isEqualTo(
                "C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox\\Third Storage Group\\DB3.edb");
        assertThat(shell.store.isMounted("EXCH1\\Third Storage Group\\DB3")).isFalse();
    }

    @Test
    void removeStorageGroupIsRefusedWhileItHoldsADatabaseWithoutAskingAndRemovesAnEmptyOne() {
        var step = shell.failed("Remove-StorageGroup 'EXCH1\\First Storage Group'");
        assertThat(step.error().code()).isEqualTo("exchange.wrong-state");
        assertThat(step.output()).isEmpty();
        shell.text("New-StorageGroup 'Spare' -Server EXCH1");
        assertThat(shell.text("Remove-StorageGroup 'EXCH1\\Spare'")).contains("Are you sure you want to perform "
                + "this action?");
        assertThat(shell.directory.storageGroups("EXCH1")).extracting(g -> g.name()).doesNotContain("Spare");
    }

    @Test
    void exchange2003ObjectsAreListedButNotChanged() {
        var step = shell.failed("Mount-Database 'LEGACY\\First Storage Group\\Mailbox Store'");
        assertThat(step.error().code()).isEqualTo("exchange.shell.legacy-server");
        assertThat(step.error().message()).contains("Use Exchange System Manager");
        assertThat(shell.failed("New-StorageGroup X -Server LEGACY").error().code())
                .isEqualTo("exchange.shell.legacy-server");
    }

    @Test
    void dismountDatabaseAsksForConfirmationByDefaultAndCallsTheStore() {
        shell.run("Mount-Database 'EXCH1\\First Storage Group\\Mailbox Database'");
        String text = shell.text("Dismount-Database 'EXCH1\\First Storage Group\\Mailbox Database'");
        assertThat(text).contains("Confirm\nAre you sure you want to perform this action?");
        assertThat(shell.store.isMounted("EXCH1\\First Storage Group\\Mailbox Database")).isFalse();
        assertThat(shell.text("Dismount-Database 'EXCH1\\First Storage Group\\Mailbox Database' -Confirm:$false"))
                .doesNotContain("Confirm");
    }

    @Test
    void mountErrorsFromTheStorePassThroughTyped() {
        shell.lab.await(shell.store.stop("EXCH1"));
        var step = shell.failed("Mount-Database 'EXCH1\\First Storage Group\\Mailbox Database'");
        assertThat(step.error().code()).isEqualTo("exchange.wrong-state");
        assertThat(step.error().message()).contains("MapiExceptionNetworkError");
    }

    @Test
    void setMailboxServerStoresTheDialAndForcedMountTime() {
        shell.text("Set-MailboxServer CCRCMS -AutoDatabaseMountDial BestAvailability "
                + "-ForcedDatabaseMountAfter 00:15:00");
        var server = shell.directory.server("CCRCMS");
        assertThat(server.autoDatabaseMountDial()).isEqualTo(AutoDatabaseMountDial.BEST_AVAILABILITY);
        assertThat(server.forcedDatabaseMountAfter()).isEqualTo(Optional.of(Duration.ofMinutes(15)));
        assertThat(shell.failed("Set-MailboxServer LEGACY -AutoDatabaseMountDial Lossless").error().code())
                .isEqualTo("exchange.object-not-found");
    }
}
