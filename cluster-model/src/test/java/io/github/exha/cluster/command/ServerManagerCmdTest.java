package io.github.exha.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.host.ServerFeature;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerManagerCmdTest {
    private final Lab lab = Lab.create(LabSpec.of(TopologySource.text("two-site-scc.yaml", topology())),
            new ClusterModule());

    private static String topology() {
        try (InputStream in = ServerManagerCmdTest.class.getResourceAsStream("/topologies/two-site-scc.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private RunReport run(String text) {
        return lab.run(RunbookParser.parse("seed-004.ps1", text), RunOptions.defaults());
    }

    @Test
    void seed004InstallsTheIisPrerequisitesOnAWindows2008Host() {
        RunReport report = run("""
                Enter-PSSession -ComputerName DRNODE1
                ServerManagerCmd -i Web-Server
                ServerManagerCmd -i Web-ISAPI-Ext
                ServerManagerCmd -i Web-Metabase
                ServerManagerCmd -i Web-Lgcy-Mgmt-Console
                ServerManagerCmd -i Web-Basic-Auth
                ServerManagerCmd -i Web-Windows-Auth
                ServerManagerCmd -i Web-ISAPI-Ext
                """);
        assertThat(report.exitCode()).isZero();
        assertThat(report.steps().get(2).output()).containsExactly("Start Installation...",
                "[Installation] Succeeded: [Web-ISAPI-Ext].", "Success: Installation succeeded.");
        assertThat(report.steps().get(7).output()).last().asString().startsWith("NoChange:");
        var host = lab.instance(Datacenter.class).host("DRNODE1");
        assertThat(host.hasFeature(ServerFeature.WEB_ISAPI_EXT)).isTrue();
        assertThat(host.hasFeature(ServerFeature.WEB_WINDOWS_AUTH)).isTrue();
        // The topology gives DRNODE1 Web-Server already: five installations, and "NoChange" for that one.
        assertThat(report.steps().get(1).output()).last().asString().startsWith("NoChange:");
        assertThat(lab.journal().entries()).filteredOn(e -> e.name().equals("host.feature-installed")).hasSize(5);
    }

    @Test
    void serverManagerCmdDoesNotExistOnWindows2003() {
        RunReport report = run("Enter-PSSession NODE1\nServerManagerCmd -i Web-Server\n");
        StepResult step = report.steps().get(1);
        assertThat(step.status()).isEqualTo(StepStatus.FAILED);
        assertThat(step.error().nativeCode()).startsWith("9009");
        assertThat(step.error().message()).contains("is not recognized as an internal or external command");
    }

    @Test
    void unknownFeatureIsRefusedWithASuggestion() {
        RunReport report = run("Enter-PSSession DRNODE1\nServerManagerCmd -i Web-ISAP-Ext\n");
        assertThat(report.steps().get(1).error().message()).contains("Invalid role, role service, or feature")
                .contains("Web-ISAPI-Ext");
    }

    @Test
    void serverManagerCmdNeedsASessionHost() {
        RunReport report = run("ServerManagerCmd -i Web-Server\n");
        assertThat(report.steps().get(0).error().code()).isEqualTo("core.no-host-session");
    }

    @Test
    void whatIfAndQueryChangeNothing() {
        RunReport report = run("Enter-PSSession DRNODE1\nServerManagerCmd -i Web-ISAPI-Ext -whatIf\n"
                + "ServerManagerCmd -q\n");
        assertThat(report.steps().get(1).output()).containsExactly(
                "What if: [Installation] would install [Web-ISAPI-Ext] on DRNODE1.");
        assertThat(report.steps().get(2).output()).contains("[X] Web-Server", "[ ] Web-ISAPI-Ext");
    }
}
