package io.github.exha.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClusterExeTest {
    private final Lab lab = Lab.create(LabSpec.of(TopologySource.text("two-node-mns-fsw.yaml", topology())),
            new ClusterModule());
    private final FailoverCluster cluster = lab.instance(Clusters.class).cluster("SCCCLUSTER");

    ClusterExeTest() {
        cluster.createGroup("EVS2");
        cluster.createResource("EVS2", "Exchange System Attendant", GenericServiceType.NAME);
        cluster.createResource("EVS2", "Exchange Information Store Instance", GenericServiceType.NAME);
        cluster.addDependency("Exchange Information Store Instance", "Exchange System Attendant");
        lab.await(cluster.moveGroup("EVS2", "NODE1"));
        lab.await(cluster.onlineGroup("EVS2"));
    }

    private static String topology() {
        try (InputStream in = ClusterExeTest.class.getResourceAsStream("/topologies/two-node-mns-fsw.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private RunReport run(String text) {
        return lab.run(RunbookParser.parse("cluster.ps1", text), RunOptions.defaults());
    }

    @Test
    void seedLineMovesTheGroupInVirtualTimeAndShowsItsStatus() {
        RunReport report = run("Enter-PSSession -ComputerName NODE1\ncluster group \"EVS2\" /moveto:NODE2\n");
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        assertThat(cluster.group("EVS2").ownerNode()).contains("NODE2");
        assertThat(cluster.group("EVS2").state()).isEqualTo(GroupState.ONLINE);
        assertThat(report.steps().get(1).end()).isAfter(report.steps().get(1).start());
        assertThat(OutputFormatter.render(report.steps().get(1).output())).startsWith("Moving resource group 'EVS2'...")
                .contains("EVS2  NODE2 Online");
    }

    @Test
    void namedClusterWorksWithoutASessionAndResourceVerbsWork() {
        RunReport report = run("""
                cluster SCCCLUSTER resource "Exchange Information Store Instance" /listdep
                cluster SCCCLUSTER res "Exchange System Attendant" /offline
                cluster SCCCLUSTER group EVS2 /status
                """);
        assertThat(report.exitCode()).isZero();
        assertThat(OutputFormatter.render(report.steps().get(0).output())).contains("Exchange System Attendant");
        // Taking System Attendant offline takes its dependents offline first.
        assertThat(cluster.resource("Exchange Information Store Instance").state().displayName()).isEqualTo("Offline");
        assertThat(OutputFormatter.render(report.steps().get(2).output())).contains("Offline");
    }

    @Test
    void pausedNodeRefusesTheMoveWithItsSystemError() {
        RunReport report = run("cluster SCCCLUSTER node NODE2 /pause\ncluster SCCCLUSTER group EVS2 /moveto:NODE2\n");
        assertThat(cluster.node("NODE2").state()).isEqualTo(NodeState.PAUSED);
        assertThat(report.steps().get(1).status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.steps().get(1).error().nativeCode()).startsWith("5070");
        assertThat(cluster.group("EVS2").ownerNode()).contains("NODE1");
    }

    @Test
    void unknownGroupFailsWith5013() {
        RunReport report = run("cluster SCCCLUSTER group EVS9 /online\n");
        assertThat(report.steps().get(0).error().nativeCode()).startsWith("5013");
    }

    @Test
    void wrongOptionsAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> run("cluster SCCCLUSTER node NODE2 /moveto:NODE1\n"))
                .isInstanceOf(ExhaException.class).hasMessageContaining("not valid for a node");
        assertThatThrownBy(() -> run("cluster SCCCLUSTER grup EVS2 /online\n"))
                .hasMessageContaining("Did you mean group");
        assertThatThrownBy(() -> run("cluster SCCCLUSTER group EVS2 /online /offline\n"))
                .hasMessageContaining("exactly one action");
    }
}
