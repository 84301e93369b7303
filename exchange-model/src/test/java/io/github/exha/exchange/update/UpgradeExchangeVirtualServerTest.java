package io.github.exha.exchange.update;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.clustering.ExchangeLabs;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Cluster Administrator's "Upgrade Exchange Virtual Server" on seed 001's four-node cluster halfway through the SP1
 * upgrade (NODE1/NODE2 at SP1 with EVS1 upgraded on NODE1; NODE3/NODE4 at RTM with EVS2, still RTM, on NODE3): when
 * it is unavailable, when it fails with c1037b44, and that a refusal leaves EVS2 at RTM.
 */
class UpgradeExchangeVirtualServerTest {
    private static final String TOPOLOGY = "seed-001-evs-rolling-upgrade.yaml";
    private static final String EVS2_OFFLINE_ON_NODE2 = "cluster EXCLUSTER resource \"Exchange System Attendant (EVS2)\" "
            + "/offline\ncluster EXCLUSTER group \"EVS2\" /moveto:NODE2\n";

    private final Lab lab = ExchangeLabs.lab(TOPOLOGY);

    private static RunReport run(Lab lab, String console, String lines) {
        return ExchangeLabs.run(lab, "Enter-PSSession " + console + "\n" + lines);
    }

    private static StepResult last(RunReport report) {
        return report.steps().get(report.steps().size() - 1);
    }

    private static ExchangeBuild evs2(Lab lab) {
        return lab.instance(ExchangeDirectory.class).server("EVS2").build();
    }

    @Test
    void isUnavailableInClusterAdministratorOnAComputerOutsideTheCluster() {
        StepResult step = last(run(lab, "DC1", "Update-ExchangeVirtualServer EVS2\n"));
        assertThat(step.error().code()).isEqualTo(UpdateErrorCode.ACTION_UNAVAILABLE.id());
        assertThat(step.error().message()).contains("'Upgrade Exchange Virtual Server' action is unavailable")
                .contains("DC1, which is not a node of cluster EXCLUSTER");
        assertThat(evs2(lab)).isEqualTo(ExchangeBuild.EXCHANGE_2003_RTM);
    }

    @Test
    void isUnavailableInClusterAdministratorOnANodeThatHasNotBeenUpgraded() {
        StepResult step = last(run(lab, "NODE4", "Update-ExchangeVirtualServer EVS2\n"));
        assertThat(step.error().code()).isEqualTo(UpdateErrorCode.ACTION_UNAVAILABLE.id());
        assertThat(step.error().message()).contains("runs on NODE4, which has not been upgraded");
    }

    @Test
    void isUnavailableWhileTheEvsIsOnANodeThatHasNotBeenUpgraded() {
        StepResult step = last(run(lab, "NODE2", "cluster EXCLUSTER resource \"Exchange System Attendant (EVS2)\" "
                + "/offline\nUpdate-ExchangeVirtualServer \"Exchange System Attendant (EVS2)\"\n"));
        assertThat(step.error().code()).isEqualTo(UpdateErrorCode.ACTION_UNAVAILABLE.id());
        assertThat(step.error().message()).contains("EVS2 is on NODE3, which has not been upgraded")
                .contains("Move EVS2 to an upgraded node");
        assertThat(evs2(lab)).isEqualTo(ExchangeBuild.EXCHANGE_2003_RTM);
    }

    @Test
    void failsWithC1037b44WhileTheExchangeResourcesAreOnline() {
        RunReport report = run(lab, "NODE2", "cluster EXCLUSTER group \"EVS2\" /moveto:NODE2\n"
                + "Update-ExchangeVirtualServer EVS2\n");
        StepResult step = last(report);
        assertThat(report.steps().get(1).status()).isEqualTo(StepStatus.OK);
        assertThat(step.error().code()).isEqualTo(UpdateErrorCode.UPGRADE_FAILED.id());
        assertThat(step.error().nativeCode()).isEqualTo("c1037b44");
        assertThat(step.error().message()).contains("Error ID: c1037b44")
                .contains("Exchange System Attendant (EVS2) (Online)")
                .contains("Exchange Information Store Instance (EVS2) (Online)")
                .contains("SMTP Virtual Server Instance (EVS2) (Online)");
        assertThat(evs2(lab)).isEqualTo(ExchangeBuild.EXCHANGE_2003_RTM);
    }

    @Test
    void failsWithC1037b44WhenTheNetworkNameIsOffline() {
        StepResult step = last(run(lab, "NODE2", EVS2_OFFLINE_ON_NODE2
                + "cluster EXCLUSTER resource \"Network Name (EVS2)\" /offline\nUpdate-ExchangeVirtualServer EVS2\n"));
        assertThat(step.error().nativeCode()).isEqualTo("c1037b44");
        assertThat(step.error().message()).contains("must be online: Network Name (EVS2) (Offline)");
        assertThat(evs2(lab)).isEqualTo(ExchangeBuild.EXCHANGE_2003_RTM);
    }

    @Test
    void failsWithC1037b44WhenTheNodeDoesNotRunTheMostRecentServicePack() throws IOException {
        // NODE1 runs SP2: EVS2 on NODE2 (SP1) is on an upgraded node, but not on one with the newest service pack.
        Lab sp2 = labFromText(resource(TOPOLOGY).replace("{ host: NODE1, build: 2003 SP1 }",
                "{ host: NODE1, build: 2003 SP2 }"));
        StepResult step = last(run(sp2, "NODE1", EVS2_OFFLINE_ON_NODE2 + "Update-ExchangeVirtualServer EVS2\n"));
        assertThat(step.error().nativeCode()).isEqualTo("c1037b44");
        assertThat(step.error().message()).contains("EVS2 is on NODE2, which runs Version 6.5 (Build 7226.6: Service "
                + "Pack 1); the most recent service pack in cluster EXCLUSTER is Version 6.5 (Build 7638.2: Service "
                + "Pack 2)");
        assertThat(evs2(sp2)).isEqualTo(ExchangeBuild.EXCHANGE_2003_RTM);
    }

    @Test
    void upgradesTheEvsOfflineOnAnUpgradedNodeThenIsUnavailableForIt() {
        FailoverCluster cluster = lab.instance(Clusters.class).cluster("EXCLUSTER");
        RunReport report = run(lab, "NODE2", EVS2_OFFLINE_ON_NODE2
                + "Update-ExchangeVirtualServer \"Exchange System Attendant (EVS2)\"\n"
                + "cluster EXCLUSTER group \"EVS2\" /online\nGet-ExchangeServer EVS2\n");
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        assertThat(report.steps().get(3).output()).containsExactly(UpdateExchangeVirtualServer.SUCCESS_MESSAGE);
        assertThat(report.steps().get(3).end()).isEqualTo(report.steps().get(3).start()
                .plus(UpdateExchangeVirtualServer.UPGRADE_TIME));
        assertThat(evs2(lab)).isEqualTo(ExchangeBuild.EXCHANGE_2003_SP1);
        assertThat(last(report).output().get(0).toString()).contains("Version 6.5 (Build 7226.6: Service Pack 1)");
        assertThat(cluster.group("EVS2").ownerNode()).contains("NODE2");

        StepResult again = last(run(lab, "NODE2", "Update-ExchangeVirtualServer EVS2\n"));
        assertThat(again.error().message()).contains("EVS2 already runs Version 6.5 (Build 7226.6: Service Pack 1)");
        // Upgraded, EVS2 can no more run on a node still at RTM.
        RunReport back = ExchangeLabs.run(lab, "cluster EXCLUSTER group \"EVS2\" /moveto:NODE3\n");
        assertThat(back.steps().get(0).error().message()).contains("Version of Exchange on this machine does not "
                + "match the version of Exchange server NODE3.");
    }

    @Test
    void whatIfChangesNothing() {
        RunReport report = run(lab, "NODE2", EVS2_OFFLINE_ON_NODE2 + "Update-ExchangeVirtualServer EVS2 -WhatIf\n");
        assertThat(report.exitCode()).isZero();
        assertThat(last(report).output().get(0).toString()).startsWith("What if: Upgrading Exchange Virtual Server "
                + "\"EVS2\" from Version 6.5 (Build 6944.4) to Version 6.5 (Build 7226.6: Service Pack 1).");
        assertThat(evs2(lab)).isEqualTo(ExchangeBuild.EXCHANGE_2003_RTM);
    }

    @Test
    void refusesAServerThatIsNotAnExchangeVirtualServer() {
        StepResult step = last(run(lab, "NODE2", "Update-ExchangeVirtualServer NODE2\n"));
        assertThat(step.status()).isEqualTo(StepStatus.FAILED);
        assertThat(step.error().message()).contains("NODE2");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UpgradeExchangeVirtualServerTest.class.getResourceAsStream("/topologies/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Lab labFromText(String yaml) {
        return Lab.create(LabSpec.of(TopologySource.text("sp2.yaml", yaml)), new ClusterModule(), new ExchangeModule(),
                new ExchangeLabs.FakeStoreModule());
    }
}
