package io.github.exha.exchange.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.clustering.ClusteredMailboxServerState;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.server.ExchangeInformationStore;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.store.StorageGroupBackup;
import io.github.exha.exchange.store.StoreDatabase;
import io.github.exha.exchange.store.StoreErrorCode;
import io.github.exha.exchange.store.StoreEvents;
import io.github.exha.storage.spi.AccessState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code setup.com /mode:Upgrade} and {@code /UpgradeCMS} on the real store, from the Exchange 2007 SP2 media the
 * topology declares: the refusals, the ESE version stamp a stand-alone database gets when it remounts under the new
 * build, and the watermark a failed /UpgradeCMS leaves.
 */
class SetupUpgradeTest {
    private static final String EXCH1_DB = "EXCH1\\First Storage Group\\Mailbox Database";

    private final Lab lab = lab();
    private final ExchangeDirectory directory = lab.instance(ExchangeDirectory.class);
    private final ClusteredMailboxServers servers = lab.instance(ClusteredMailboxServers.class);

    private static Lab lab() {
        try (InputStream in = SetupUpgradeTest.class.getResourceAsStream("/topologies/setup-upgrade.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Lab.create(LabSpec.of(TopologySource.text("setup-upgrade.yaml", yaml)), new ClusterModule(),
                    new ExchangeModule());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private RunReport run(String text) {
        return lab.run(RunbookParser.parse("t.ps1", text), RunOptions.defaults());
    }

    private String ok(String text) {
        RunReport report = run(text);
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        StringBuilder out = new StringBuilder();
        report.steps().forEach(s -> out.append(OutputFormatter.render(s.output())).append('\n'));
        return out.toString();
    }

    private StepResult failed(String text) {
        RunReport report = run(text);
        return report.steps().stream().filter(s -> s.status() == StepStatus.FAILED).findFirst()
                .orElseThrow(() -> new AssertionError("no step failed: " + report.steps()));
    }

    private ExchangeBuild binaries(String host) {
        return directory.installation(host).orElseThrow().build();
    }

    private void lunAccess(AccessState access) {
        lab.instance(Datacenter.class).fabric().array("SAN").orElseThrow().setAccessState("SHARED", access);
    }

    @Test
    void theTopologysMediaIsWhatSetupInstallsAndUpgradesTo() {
        assertThat(lab.instance(SetupMedia.class).build()).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
    }

    @Test
    void aStandaloneServerRemountsUnderTheNewBuildWhichStampsItsDatabaseSoAnOlderBackupCannotBeRestored() {
        ExchangeInformationStore store = (ExchangeInformationStore) lab.instance(InformationStore.class);
        lab.scheduler().runUntil(lab.clock().instant().plusSeconds(600));
        StoreDatabase database = store.storeOf(EXCH1_DB).orElseThrow();
        assertThat(database.readFile().header().version().toString()).isEqualTo("0x620,13");
        StorageGroupBackup backup = lab.await(database.storageGroup().backup());

        String out = ok("Enter-PSSession EXCH1\nsetup.com /mode:upgrade\n");

        assertThat(out).contains("Mailbox Role ...... COMPLETED").contains("HubTransport Role ...... COMPLETED");
        assertThat(binaries("EXCH1")).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
        assertThat(directory.server("EXCH1").build()).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
        assertThat(store.isMounted(EXCH1_DB)).isTrue();
        assertThat(lab.journal().entries().stream().filter(e -> e.name().equals(StoreEvents.DATABASE_UPGRADED)))
                .hasSize(1);
        // eseutil /mh shows the new stamp once the database is dismounted.
        String dump = ok("Dismount-Database '" + EXCH1_DB + "' -Confirm:$false\nEnter-PSSession EXCH1\n"
                + "eseutil /mh 'F:\\DB\\Mailbox Database.edb'\n");
        assertThat(dump).contains("Engine ulVersion: 0x620,14").contains("State: Clean Shutdown");
        StoreDatabase dismounted = store.storeOf(EXCH1_DB).orElseThrow();
        assertThatThrownBy(() -> dismounted.restore(backup, false)).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(StoreErrorCode.RESTORE_VERSION_TOO_OLD));
    }

    @Test
    void upgradeIsRefusedWithoutNewerMediaAndOnTheNodeTheCmsRunsOn() {
        assertThat(failed("Enter-PSSession NODE1\nsetup.com /mode:upgrade\n").error().message())
                .isEqualTo("Clustered mailbox server 'SCCCMS' is Online on NODE1. Move it to another node with "
                        + "Move-ClusteredMailboxServer, or stop it with Stop-ClusteredMailboxServer, before upgrading "
                        + "this node.");
        ok("Enter-PSSession NODE2\nsetup.com /m:upgrade\n");
        StepResult again = failed("Enter-PSSession NODE2\nsetup.com /m:upgrade\n");
        assertThat(again.error().code()).isEqualTo(SetupErrorCode.PREREQUISITE_FAILED.id());
        assertThat(again.error().message()).contains("are Version 8.2 (Build 176.2); the setup media hold Version 8.2 "
                + "(Build 176.2), no newer build to upgrade to");
        assertThat(binaries("NODE1")).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP1);
    }

    @Test
    void upgradeCmsNeedsTheCmsStoppedOnThisNodeAndTheNodeUpgraded() {
        assertThat(failed("Enter-PSSession NODE1\nsetup.com /UpgradeCMS\n").error().message())
                .contains("are Version 8.1 (Build 240.6) but the setup media hold Version 8.2 (Build 176.2)")
                .contains("setup.com /mode:Upgrade before /UpgradeCMS");
        ok("Enter-PSSession NODE2\nsetup.com /mode:upgrade\n");
        assertThat(failed("Enter-PSSession NODE2\nsetup.com /UpgradeCMS\n").error().message())
                .contains("No clustered mailbox server of cluster 'SCCCLUS' is owned by NODE2");
        ok("Move-ClusteredMailboxServer SCCCMS -TargetMachine NODE2 -MoveComment sp2 -Confirm:$false\n");
        assertThat(failed("Enter-PSSession NODE2\nsetup.com /UpgradeCMS\n").error().message())
                .isEqualTo("Clustered mailbox server 'SCCCMS' is Online. Stop it with Stop-ClusteredMailboxServer "
                        + "before running /UpgradeCMS.");
        assertThat(directory.server("SCCCMS").build()).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP1);

        String out = ok("Stop-ClusteredMailboxServer SCCCMS -StopReason sp2\nEnter-PSSession NODE2\n"
                + "setup.com /UpgradeCMS\n");

        assertThat(out).contains("Clustered Mailbox Server ...... COMPLETED");
        assertThat(directory.server("SCCCMS").build()).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
        assertThat(servers.state(directory.server("SCCCMS"))).isEqualTo(ClusteredMailboxServerState.ONLINE);
        // NODE1 still runs SP1 binaries: the upgraded CMS cannot run there until it is upgraded too.
        assertThat(failed("Move-ClusteredMailboxServer SCCCMS -TargetMachine NODE1 -MoveComment back "
                + "-Confirm:$false\n").error().message()).contains("Version of Exchange on this machine does not "
                + "match the version of Exchange server NODE1.");
        ok("Enter-PSSession NODE1\nsetup.com /mode:upgrade\nExit-PSSession\n"
                + "Move-ClusteredMailboxServer SCCCMS -TargetMachine NODE1 -MoveComment back -Confirm:$false\n");
        assertThat(servers.activeNode(directory.server("SCCCMS"))).contains("NODE1");
    }

    @Test
    void aFailedUpgradeCmsLeavesTheWatermarkRefusesOtherActionsAndItsRerunResumes() {
        ok("Stop-ClusteredMailboxServer SCCCMS -StopReason sp2\n"
                + "Enter-PSSession NODE2\nsetup.com /mode:upgrade\nExit-PSSession\n"
                + "Enter-PSSession NODE1\nsetup.com /mode:upgrade\n");
        lunAccess(AccessState.READ_ONLY);

        StepResult upgrade = failed("Enter-PSSession NODE1\nsetup.com /UpgradeCMS\n");

        assertThat(upgrade.error().code()).isEqualTo(SetupErrorCode.STEP_FAILED.id());
        assertThat(upgrade.error().message()).contains("could not be brought online").contains("is read-only")
                .contains("left its watermark under HKLM\\Software\\Microsoft\\Exchange\\v8.0\\ClusteredMailboxServer");
        assertThat(directory.installation("NODE1").flatMap(ExchangeInstallation::watermark)).hasValueSatisfying(
                mark -> assertThat(mark.action()).isEqualTo("BuildToBuildUpgrade"));
        assertThat(servers.state(directory.server("SCCCMS"))).isEqualTo(ClusteredMailboxServerState.FAILED);
        StepResult other = failed("Enter-PSSession NODE1\nsetup.com /mode:uninstall\n");
        assertThat(other.error().code()).isEqualTo(SetupErrorCode.RESUME_REQUIRED.id());
        assertThat(other.error().message()).startsWith("Setup previously failed while performing the action "
                + "'BuildToBuildUpgrade'").endsWith("You cannot resume setup by performing the action 'Uninstall'.");

        lunAccess(AccessState.READ_WRITE);
        String rerun = ok("Enter-PSSession NODE1\nsetup.com /UpgradeCMS\n");

        assertThat(rerun).contains("Setup is resuming the action 'BuildToBuildUpgrade' for clustered mailbox server "
                + "'SCCCMS'").contains("Clustered Mailbox Server ...... COMPLETED");
        assertThat(directory.installation("NODE1").flatMap(ExchangeInstallation::watermark)).isEmpty();
        assertThat(servers.state(directory.server("SCCCMS"))).isEqualTo(ClusteredMailboxServerState.ONLINE);
        assertThat(lab.journal().entries().stream().filter(e -> e.type() == JournalEntry.Type.NOTE
                && e.source().equals(SetupCommand.SOURCE)).map(e -> e.attributes().get("line")))
                .anyMatch(line -> line.contains("Setup is resuming the action 'BuildToBuildUpgrade' from watermark "
                        + "'BringCmsOnline'"));
    }

    @Test
    void withEveryNodeUpgradedAndTheCmsNotTheCmsDoesNotStart() {
        ok("Stop-ClusteredMailboxServer SCCCMS -StopReason sp2\n"
                + "Enter-PSSession NODE2\nsetup.com /mode:upgrade\nExit-PSSession\n"
                + "Enter-PSSession NODE1\nsetup.com /mode:upgrade\n");

        StepResult start = failed("Start-ClusteredMailboxServer SCCCMS\n");

        assertThat(start.error().message()).contains("The version of clustered mailbox server 'SCCCMS' (Version 8.1 "
                + "(Build 240.6)) does not match the version of the Exchange binaries on its nodes");
        assertThat(start.error().nativeCode()).isEqualTo("5018 (0x139A)");
    }
}
