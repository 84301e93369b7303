package io.github.exha.cluster.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.kernel.FaultPlan;
import io.github.exha.core.kernel.FaultRule;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every lab with the cluster module has the cluster fault points, and they reach clusters a runbook creates. */
class LabFaultPlanTest {
    private static final String OS = "{ version: WINDOWS_SERVER_2008, edition: ENTERPRISE, servicePack: 1 }";

    private static String host(String name, int last) {
        return "  - name: " + name + "\n    site: Production\n    domain: contoso.com\n    os: " + OS + "\n"
                + "    features: [Failover-Clustering]\n    nics:\n"
                + "      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + "      - { name: Heartbeat, network: Heartbeat, address: 10.0.0." + last + ", prefix: 24 }\n";
    }

    @Test
    void aFaultPlanArmedOnTheLabFailsANicOfANodeOfAClusterCreatedByTheRunbook() {
        Lab lab = Lab.create(LabSpec.of(TopologySource.text("t.yaml", "name: t\nseed: 9\nstart: 2008-06-02T09:00:00Z\n"
                + "hosts:\n" + host("NODE1", 11) + host("NODE2", 12))), new ClusterModule());
        Clusters clusters = lab.instance(Clusters.class);
        Kernel kernel = lab.instance(Kernel.class);
        assertThat(kernel.faultPoints().registered()).extracting(p -> p.name()).contains(
                ClusterFaultInjector.NIC_FAILURE, ClusterFaultInjector.SITE_PARTITION, ClusterFaultInjector.LUN_LOST);
        RunReport report = lab.run(RunbookParser.parse("b.ps1", """
                Enter-PSSession NODE1
                cluster /cluster:CLUS /create /nodes:"NODE1 NODE2" /ipaddress:192.168.10.20/255.255.255.0
                """), RunOptions.defaults());
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        kernel.faultPoints().apply(FaultPlan.of(FaultRule.once(ClusterFaultInjector.NIC_FAILURE)));
        kernel.scheduler().runFor(Duration.ofSeconds(15));
        assertThat(kernel.journal().entries()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(JournalEntry.Type.FAULT);
            assertThat(e.name()).isEqualTo(ClusterFaultInjector.INJECTED);
            assertThat(e.attributes().get("target")).isEqualTo("NODE1/Public");
        });
        assertThat(clusters.connectivity().isNicUp("NODE1", "Public")).isFalse();
    }
}
