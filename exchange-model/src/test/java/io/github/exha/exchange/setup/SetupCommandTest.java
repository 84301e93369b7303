package io.github.exha.exchange.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepStatus;
import io.github.exha.exchange.clustering.ExchangeLabs;
import io.github.exha.exchange.config.ExchangeDirectory;
import org.junit.jupiter.api.Test;

class SetupCommandTest {
    private final Lab lab = ExchangeLabs.lab("two-node-empty.yaml");

    @Test
    void newCmsOnActiveNodeThenPassiveNodeCreatesAnOnlineCcrCmsOnBothNodes() {
        RunReport report = ExchangeLabs.run(lab, """
                Enter-PSSession -ComputerName EXCHMAILBOX1
                Setup.com /NewCMS /CMSName:EXCHCMS /CMSIPAddress:192.168.10.31
                Exit-PSSession
                Enter-PSSession -ComputerName EXCHMAILBOX2
                setup.com /mode:install /roles:Mailbox
                """);
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        assertThat(OutputFormatter.render(report.steps().get(1).output()))
                .contains("Mailbox Role ...... COMPLETED", "Clustered Mailbox Server ...... COMPLETED");
        assertThat(lab.instance(Clusters.class).cluster("EXCLUSTER").group("EXCHCMS").state())
                .isEqualTo(GroupState.ONLINE);
        assertThat(lab.instance(ExchangeDirectory.class).server("EXCHCMS").cluster().orElseThrow()
                .redundantMachines()).containsExactly("EXCHMAILBOX1", "EXCHMAILBOX2");
        assertThat(lab.journal().entries()).anyMatch(e -> e.source().equals("ExchangeSetup"));
    }

    @Test
    void cmsNamedLikeTheClusterIsRefused() {
        RunReport report = ExchangeLabs.run(lab, """
                Enter-PSSession -ComputerName EXCHMAILBOX1
                setup.com /NewCMS /cn:EXCLUSTER /cip:192.168.10.31
                """);
        assertThat(report.steps().get(1).status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.steps().get(1).error().message()).contains("is the name of the cluster");
    }

    @Test
    void otherRolesOnAClusterNodeAreRefused() {
        RunReport report = ExchangeLabs.run(lab, """
                Enter-PSSession -ComputerName EXCHMAILBOX1
                setup.com /NewCMS /cn:EXCHCMS /cip:192.168.10.31
                Exit-PSSession
                Enter-PSSession -ComputerName EXCHMAILBOX2
                setup.com /m:install /r:Mailbox,HubTransport
                """);
        assertThat(report.steps().get(4).error().message()).contains("cannot coexist with other server roles");
    }
}
