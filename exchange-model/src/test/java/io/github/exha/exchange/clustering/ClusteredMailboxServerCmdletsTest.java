package io.github.exha.exchange.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepStatus;
import io.github.exha.exchange.server.InformationStore;
import org.junit.jupiter.api.Test;

class ClusteredMailboxServerCmdletsTest {
    private final Lab lab = ExchangeLabs.lab("two-node-ccr.yaml");
    private final FailoverCluster cluster = lab.instance(Clusters.class).cluster("EXCLUSTER");

    private RunReport run(String text) {
        return ExchangeLabs.run(lab, text);
    }

    @Test
    void statusListsTheCmsAsTheSeedShowsIt() {
        RunReport report = run("Get-ClusteredMailboxServerStatus\n");
        String text = OutputFormatter.render(report.steps().get(0).output());
        assertThat(text).contains("Identity", "EXCHCMS").contains("EXCHCMS.contoso.com")
                .containsPattern("State\\s+: Online")
                .contains("{EXCHMAILBOX1 <Active")
                .containsPattern("FailedResources\\s+: \\{\\}")
                .contains("exchmailbox1, exchmailbox2")
                .containsPattern("IsValid\\s+: True").containsPattern("ObjectState\\s+: Unchanged");
    }

    @Test
    void cmsGroupHasDatabaseInstanceDependingOnTheStoreAndMountsIt() {
        assertThat(cluster.resource("First Storage Group/Mailbox Database (EXCHCMS)").dependencies())
                .containsExactly("Exchange Information Store Instance (EXCHCMS)");
        assertThat(lab.instance(InformationStore.class).isMounted("EXCHCMS\\First Storage Group\\Mailbox Database"))
                .isTrue();
    }

    @Test
    void moveClusteredMailboxServerMovesTheGroupAndJournalsTheComment() {
        RunReport report = run("Move-ClusteredMailboxServer -Identity exchcms -TargetMachine exchmailbox2 "
                + "-MoveComment Testing\n");
        assertThat(report.steps().get(0).status()).as(report.steps().toString()).isEqualTo(StepStatus.OK);
        assertThat(cluster.group("EXCHCMS").ownerNode()).contains("EXCHMAILBOX2");
        assertThat(lab.journal().entries()).anyMatch(e -> e.type() == JournalEntry.Type.EVENT_LOG
                && e.name().equals("MSExchangeCluster") && e.attributes().get("message").contains("Testing"));
    }

    @Test
    void moveToANodeOutsideTheClusterIsRefused() {
        RunReport report = run("Move-ClusteredMailboxServer exchcms -TargetMachine NODE9 -MoveComment x\n");
        assertThat(report.steps().get(0).error().message()).contains("is not a member of cluster 'EXCLUSTER'");
    }

    @Test
    void moveToTheNodeItRunsOnIsRefused() {
        RunReport report = run("Move-ClusteredMailboxServer exchcms -TargetMachine EXCHMAILBOX1 -MoveComment x\n");
        assertThat(report.steps().get(0).error().message()).contains("is already running on 'EXCHMAILBOX1'");
    }

    @Test
    void validateOnlyMovesNothing() {
        RunReport report = run("Move-ClusteredMailboxServer exchcms -TargetMachine EXCHMAILBOX2 -MoveComment x "
                + "-ValidateOnly\n");
        assertThat(report.exitCode()).isZero();
        assertThat(cluster.group("EXCHCMS").ownerNode()).contains("EXCHMAILBOX1");
    }

    @Test
    void stopRequiresAReasonJournalsEvent105AndStartBringsItBack() {
        RunReport report = run("""
                Stop-ClusteredMailboxServer exchcms -StopReason "Service pack"
                Get-ClusteredMailboxServerStatus exchcms
                Start-ClusteredMailboxServer exchcms
                """);
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        assertThat(OutputFormatter.render(report.steps().get(1).output())).containsPattern("State\\s+: Offline");
        assertThat(lab.journal().entries()).anyMatch(e -> e.name().equals("MSExchangeCluster")
                && "105".equals(e.attributes().get(JournalEntry.EVENT_ID)));
        assertThat(lab.instance(ClusteredMailboxServers.class).state(lab.instance(ClusteredMailboxServers.class)
                .cms("EXCHCMS"))).isEqualTo(ClusteredMailboxServerState.ONLINE);
    }

    @Test
    void stoppingAStoppedCmsIsRefused() {
        RunReport report = run("""
                Stop-ClusteredMailboxServer exchcms -StopReason one
                Stop-ClusteredMailboxServer exchcms -StopReason two
                """);
        assertThat(report.steps().get(1).status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.steps().get(1).error().message()).contains("must be Online or PartiallyOnline");
    }
}
