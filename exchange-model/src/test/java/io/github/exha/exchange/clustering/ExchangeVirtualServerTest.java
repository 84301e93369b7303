package io.github.exha.exchange.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepStatus;
import io.github.exha.exchange.server.InformationStore;
import org.junit.jupiter.api.Test;

class ExchangeVirtualServerTest {
    private final Lab lab = ExchangeLabs.lab("four-node-evs.yaml");
    private final FailoverCluster cluster = lab.instance(Clusters.class).cluster("EXCLUSTER");

    @Test
    void labBuildCreatesEachEvsGroupOnlineOnItsStartingNodeWithTheDependencyTree() {
        assertThat(cluster.group("EVS1").state()).isEqualTo(GroupState.ONLINE);
        assertThat(cluster.group("EVS1").ownerNode()).contains("NODE1");
        assertThat(cluster.group("EVS2").ownerNode()).contains("NODE3");
        assertThat(cluster.group("EVS1").resources()).contains("IP Address (EVS1)", "Network Name (EVS1)",
                "Exchange System Attendant (EVS1)", "Exchange Information Store Instance (EVS1)",
                "Exchange Message Transfer Agent Instance (EVS1)", "Exchange Routing Service Instance (EVS1)",
                "SMTP Virtual Server Instance (EVS1)", "Exchange HTTP Virtual Server Instance (EVS1)",
                "Exchange MS Search Instance (EVS1)", "Exchange POP3 Virtual Server Instance (EVS1)",
                "Exchange IMAP4 Virtual Server Instance (EVS1)");
        assertThat(cluster.resource("Exchange System Attendant (EVS1)").dependencies())
                .containsExactly("Network Name (EVS1)");
        assertThat(cluster.resource("SMTP Virtual Server Instance (EVS1)").dependencies())
                .containsExactly("Exchange System Attendant (EVS1)");
        assertThat(cluster.resource("Exchange System Attendant (EVS1)").type().name())
                .isEqualTo("Microsoft Exchange System Attendant");
        assertThat(lab.instance(InformationStore.class).runningOn("EVS1")).contains("NODE1");
    }

    @Test
    void bringingSecondEvsOnlineOnNodeThatHostsOneFailsWith5018() {
        RunReport report = ExchangeLabs.run(lab, "cluster EXCLUSTER group \"EVS2\" /moveto:NODE1\n");
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.steps().get(0).error().message())
                .contains("System error 5018 has occurred (0x0000139a).")
                .contains(ExchangeServiceType.SECOND_SERVER_MESSAGE);
        assertThat(cluster.resource("Exchange System Attendant (EVS1)").hostNode()).contains("NODE1");
    }

    @Test
    void movingEvsToAnotherFreeNodeBringsItsStoreUpThere() {
        RunReport report = ExchangeLabs.run(lab, "cluster EXCLUSTER group \"EVS2\" /moveto:NODE4\n");
        assertThat(report.steps().get(0).status()).as(report.steps().toString()).isEqualTo(StepStatus.OK);
        assertThat(cluster.group("EVS2").state()).isEqualTo(GroupState.ONLINE);
        assertThat(lab.instance(InformationStore.class).runningOn("EVS2")).contains("NODE4");
    }

    @Test
    void movingUpgradedEvsToNodeWithOlderBuildFailsWithVersionMismatch() {
        RunReport report = ExchangeLabs.run(lab, "cluster EXCLUSTER group \"EVS1\" /moveto:NODE4\n");
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.steps().get(0).error().message()).contains(
                "Version of Exchange on this machine does not match the version of Exchange server NODE4.");
    }

    @Test
    void takingSystemAttendantOfflineTakesTheExchangeResourcesOfflineButNotTheNetworkName() {
        RunReport report = ExchangeLabs.run(lab,
                "cluster EXCLUSTER resource \"Exchange System Attendant (EVS1)\" /offline\n");
        assertThat(report.exitCode()).isZero();
        assertThat(cluster.resource("SMTP Virtual Server Instance (EVS1)").state().displayName())
                .isEqualTo("Offline");
        assertThat(cluster.resource("Network Name (EVS1)").state().displayName()).isEqualTo("Online");
        assertThat(lab.instance(InformationStore.class).runningOn("EVS1")).isEmpty();
    }
}
