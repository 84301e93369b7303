package io.github.exha.cluster.validation;

import static io.github.exha.cluster.validation.ValidationLab.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestClusterTest {
    private static final String DEFAULT_REPORT = "\\Windows\\Cluster\\Reports\\Validation Report 2008.03.01 At 08.00.00.mht";

    private static String read(Host host, String path) {
        Volume c = host.volume("C:");
        byte[] bytes = new byte[(int) c.size(path)];
        c.read(path, 0, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static StepResult step(RunReport report, int index) {
        return report.steps().get(index);
    }

    @Test
    void seed004ValidatesTheCcrPairWithStorageUncheckedAndWritesTheReportOnC() {
        ValidationLab.Built lab = ValidationLab.ccrPair().build();

        RunReport report = lab.run("""
                Enter-PSSession -ComputerName NODE1
                Test-Cluster -Node NODE1,NODE2 -Ignore Storage
                """);

        assertThat(report.exitCode()).isZero();
        StepResult step = step(report, 1);
        assertThat(step.output()).contains("Inventory - List BIOS Information: Success",
                "System Configuration - Validate Service Pack Levels: Success",
                "Test Result: passed (18 Success, 0 Warning, 0 Failed, 0 Canceled)",
                "Test report file path: C:" + DEFAULT_REPORT);
        assertThat(step.output()).noneMatch(line -> line.toString().startsWith("WARNING:"))
                .noneMatch(line -> line.toString().startsWith("Storage"));
        Host node1 = lab.host("NODE1");
        assertThat(node1.volume("C:").exists(DEFAULT_REPORT)).isTrue();
        assertThat(read(node1, DEFAULT_REPORT)).startsWith("Failover Cluster Validation Report")
                .contains("Summary: passed (18 Success", "  Validate Network Communication: Success");
        assertThat(lab.host("NODE2").volume("C:").exists(DEFAULT_REPORT)).isFalse();
        assertThat(lab.lab().journal().entries()).filteredOn(e -> e.name().equals("cluster.validation"))
                .singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(JournalEntry.Type.NOTE);
                    assertThat(e.attributes()).containsEntry("verdict", "PASSED").containsEntry("nodes", "NODE1,NODE2")
                            .containsEntry("report", "C:" + DEFAULT_REPORT);
                });
    }

    @Test
    void aValidationWithFailedTestsCompletesAndSaysSoInWarnings() {
        ValidationLab.Built lab = ValidationLab.ccrPair().set(node("NODE2", 2).servicePack(2)).build();

        RunReport report = lab.run("""
                Enter-PSSession HUB1
                Test-Cluster NODE1,NODE2 -Include Inventory,'system configuration'
                Write-Host next
                """);

        StepResult step = step(report, 1);
        assertThat(step.status()).isEqualTo(StepStatus.OK);
        assertThat(step.output()).contains(
                "WARNING: System Configuration - Validate Service Pack Levels: The test failed.",
                "System Configuration - Validate Service Pack Levels: Failed",
                "    The nodes do not all have the same service pack: NODE1 Service Pack 1; NODE2 Service Pack 2."
                        + " Every node must have the same service pack.",
                "Test Result: failed (13 Success, 0 Warning, 1 Failed, 0 Canceled)");
        assertThat(step.output()).anySatisfy(line -> assertThat(line.toString())
                .startsWith("WARNING: Test Result: failed.").contains("not suitable for clustering"));
        assertThat(step(report, 2).status()).isEqualTo(StepStatus.OK);
        assertThat(lab.lab().journal().entries()).filteredOn(e -> e.name().equals("cluster.validation"))
                .singleElement().satisfies(e -> assertThat(e.attributes()).containsEntry("verdict", "FAILED")
                        .containsEntry("failed", "1"));
        assertThat(lab.lab().journal().entries()).filteredOn(e -> e.name().equals("warning"))
                .anySatisfy(e -> assertThat(e.attributes().get("message")).contains("Validate Service Pack Levels"));
        assertThat(lab.host("HUB1").volume("C:").exists(DEFAULT_REPORT)).isTrue();
    }

    @Test
    void anExistingClusterIsValidatedByName() {
        ValidationLab.Built lab = ValidationLab.ccrPair().cluster("CCRCLUSTER", "NODE1", "NODE2").build();

        RunReport report = lab.run("Enter-PSSession NODE2\nTest-Cluster -Cluster ccrcluster -Ignore Storage\n");

        assertThat(step(report, 1).output()).contains("Test Result: passed (18 Success, 0 Warning, 0 Failed, 0 Canceled)");
        assertThat(read(lab.host("NODE2"), DEFAULT_REPORT)).contains("Cluster:  CCRCLUSTER\n", "Nodes:    NODE1, NODE2\n");
    }

    @Test
    void reportNameGoesThroughTheHostsPathsAndGetsTheReportExtension() {
        ValidationLab.Built lab = ValidationLab.ccrPair().build();

        RunReport report = lab.run("""
                Enter-PSSession NODE1
                Test-Cluster -Node NODE1,NODE2 -Ignore Storage -ReportName C:\\Reports\\CCR\\before-upgrade
                Test-Cluster -Node NODE1,NODE2 -Ignore Storage -ReportName "second run.htm"
                Test-Cluster -Node NODE1,NODE2 -Ignore Storage -ReportName C:\\Reports\\CCR\\before-upgrade
                Test-Cluster -Node NODE1,NODE2 -Ignore Storage -ReportName Q:\\Reports\\x
                """);

        Volume c = lab.host("NODE1").volume("C:");
        assertThat(c.exists("\\Reports\\CCR\\before-upgrade.mht")).isTrue();
        assertThat(c.exists("\\Windows\\Cluster\\Reports\\second run.htm")).isTrue();
        assertThat(step(report, 3).status()).as("a report of the same name is replaced").isEqualTo(StepStatus.OK);
        assertThat(step(report, 4).error().code()).isEqualTo("cluster.fs.path-not-found");
        assertThat(step(report, 4).error().message()).contains("NODE1 has no drive Q:");
    }

    @Test
    void listShowsTheSelectedTestsWithoutRunningThem() {
        ValidationLab.Built lab = ValidationLab.ccrPair().build();

        RunReport report = lab.run("Enter-PSSession NODE1\nTest-Cluster -List -Include STORAGE\n");

        assertThat(step(report, 1).output()).hasSize(6).allSatisfy(line -> assertThat(((PsObject) line).get("Category"))
                .contains("Storage"));
        assertThat(lab.lab().journal().entries()).noneMatch(e -> e.name().equals("cluster.validation"));
    }

    @Test
    void withNeitherNodesNorClusterTheStepFails() {
        RunReport report = ValidationLab.ccrPair().build().run("Enter-PSSession NODE1\nTest-Cluster -Ignore Storage\n");

        assertThat(step(report, 1).status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, 1).error().code()).isEqualTo("cluster.validation.no-nodes");
        assertThat(step(report, 1).error().message()).contains("-Node", "-Cluster");
    }

    @Test
    void anUnknownNodeIsRefusedWithTheNearestName() {
        RunReport report = ValidationLab.ccrPair().build().run("Enter-PSSession NODE1\nTest-Cluster -Node NODE1,NDOE2\n");

        assertThat(step(report, 1).error().code()).isEqualTo("cluster.validation.unknown-node");
        assertThat(step(report, 1).error().message()).contains("'NDOE2'", "Did you mean NODE2?");
    }

    @Test
    void anUnknownCategoryIsRefusedWithTheNearestName() {
        RunReport report = ValidationLab.ccrPair().build()
                .run("Enter-PSSession NODE1\nTest-Cluster -Node NODE1,NODE2 -Ignore Strorage\n");

        assertThat(step(report, 1).error().code()).isEqualTo("cluster.validation.unknown-test");
        assertThat(step(report, 1).error().message()).contains("'Strorage' is not a validation category or test.",
                "Did you mean Storage?", "Categories: Inventory, Network, Storage, System Configuration");
    }

    @Test
    void includingAndIgnoringTheSameCategoryIsRefused() {
        RunReport report = ValidationLab.ccrPair().build()
                .run("Enter-PSSession NODE1\nTest-Cluster -Node NODE1,NODE2 -Include Storage,Network -Ignore storage\n");

        assertThat(step(report, 1).error().code()).isEqualTo("cluster.validation.include-ignore-conflict");
        assertThat(step(report, 1).error().message()).contains("'Storage' is both included and ignored");
    }

    @Test
    void ignoringEveryCategoryLeavesNothingToRun() {
        RunReport report = ValidationLab.ccrPair().build().run("Enter-PSSession NODE1\nTest-Cluster -Node NODE1"
                + " -Ignore Inventory,Network,Storage,'System Configuration'\n");

        assertThat(step(report, 1).error().code()).isEqualTo("cluster.validation.nothing-selected");
    }

    @Test
    void testClusterDoesNotExistOnAWindows2003Host() {
        RunReport report = ValidationLab.ccrPair().build().run("Enter-PSSession OLDHUB\nTest-Cluster -Node NODE1\n");

        assertThat(step(report, 1).error().code()).isEqualTo("cluster.validation.not-available");
        assertThat(step(report, 1).error().message()).contains("Windows Server 2003", "ClusPrep");
    }

    @Test
    void testClusterNeedsASessionHost() {
        RunReport report = ValidationLab.ccrPair().build().run("Test-Cluster -Node NODE1,NODE2\n");

        assertThat(step(report, 0).error().code()).isEqualTo("core.no-host-session");
    }
}
