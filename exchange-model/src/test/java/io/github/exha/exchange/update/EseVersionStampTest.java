package io.github.exha.exchange.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.store.StoreEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * On the real store of seed 001's two-node cluster (EVS1 at RTM on NODE1, mail flowing): the database keeps the RTM
 * ESE stamp until it is first mounted on a node that runs SP1, which stamps it with SP1's version.
 */
class EseVersionStampTest {
    private static final String EDB = "F:\\Exchsrvr\\mdbdata\\priv1.edb";
    private static final String ATTENDANT = "\"Exchange System Attendant (EVS1)\"";

    @Test
    void theFirstMountUnderSp1StampsTheDatabaseWithTheNewerEseVersion() throws IOException {
        Lab lab = Lab.create(LabSpec.of(TopologySource.text("two-node.yaml",
                resource("seed-001-rolling-upgrade-2node.yaml"))), new ClusterModule(), new ExchangeModule());
        String rtm = "0x620," + ExchangeBuild.EXCHANGE_2003_RTM.eseUpdate();
        String sp1 = "0x620," + ExchangeBuild.EXCHANGE_2003_SP1.eseUpdate();

        RunReport before = run(lab, "Enter-PSSession NODE1\ncluster EXCLUSTER resource " + ATTENDANT + " /offline\n"
                + "eseutil /mh " + EDB + "\ncluster EXCLUSTER group \"EVS1\" /online\n");
        assertThat(before.exitCode()).as(before.steps().toString()).isZero();
        assertThat(before.steps().get(2).output().get(0).toString()).contains("Engine ulVersion: " + rtm)
                .contains("State: Clean Shutdown");

        // NODE2 gets hotfix 831464 and SP1 (a restart after each) while EVS1 runs on NODE1.
        RunReport node2 = run(lab, "Enter-PSSession NODE2\nWindowsServer2003-KB831464-x86-ENU.exe /passive\n"
                + "Start-Sleep -Seconds 300\nupdate.exe\nshutdown /r /t 0\nStart-Sleep -Seconds 300\n");
        assertThat(node2.exitCode()).as(node2.steps().toString()).isZero();
        assertThat(lab.journal().entries().stream().noneMatch(e -> e.name().equals(StoreEvents.DATABASE_UPGRADED)))
                .isTrue();

        RunReport moved = run(lab, "Enter-PSSession NODE2\ncluster EXCLUSTER resource " + ATTENDANT + " /offline\n"
                + "cluster EXCLUSTER group \"EVS1\" /moveto:NODE2\nUpdate-ExchangeVirtualServer EVS1\n"
                + "cluster EXCLUSTER group \"EVS1\" /online\nStart-Sleep -Seconds 60\n"
                + "cluster EXCLUSTER resource " + ATTENDANT + " /offline\neseutil /mh " + EDB + "\n");
        assertThat(moved.exitCode()).as(moved.steps().toString()).isZero();
        assertThat(moved.steps().get(7).output().get(0).toString()).contains("Engine ulVersion: " + sp1);
        JournalEntry stamped = lab.journal().entries().stream()
                .filter(e -> e.name().equals(StoreEvents.DATABASE_UPGRADED)).findFirst().orElseThrow();
        assertThat(stamped.attributes()).containsEntry("from", rtm).containsEntry("to", sp1);
    }

    private static RunReport run(Lab lab, String text) {
        return lab.run(RunbookParser.parse("stamp.ps1", text), RunOptions.defaults());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EseVersionStampTest.class.getResourceAsStream("/topologies/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
