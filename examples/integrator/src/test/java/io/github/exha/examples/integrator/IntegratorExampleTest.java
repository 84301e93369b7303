package io.github.exha.examples.integrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.core.Lab;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.core.run.RunOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The integrator's test, run by {@code ./mvnw verify}: exha's modules composed with a custom resource type and a
 * custom command, a lab from a topology, a node crash driven through the Java API, and assertions on what the
 * integrator's own command reports and on the journal.
 */
class IntegratorExampleTest {
    private static final Path TOPOLOGY = Path.of("topologies/integrator-ccr.yaml");

    private static PsObject status(RunReport report) {
        assertThat(report.steps()).hasSize(1);
        assertThat(report.steps().get(0).status()).as(String.valueOf(report.steps().get(0).error()))
                .isEqualTo(StepStatus.OK);
        return (PsObject) report.steps().get(0).output().get(0);
    }

    @Test
    void theConnectorFailsOverWithTheClusteredMailboxServerWhenItsNodeCrashes() {
        Lab lab = IntegratorExample.createLab(TOPOLOGY);
        String first = IntegratorExample.deployConnector(lab);
        PsObject before = status(IntegratorExample.check(lab));
        assertThat(before.get("Node")).contains(first);
        assertThat(before.get("State")).contains("Online");
        assertThat(before.get("Healthy")).contains(true);

        String crashed = IntegratorExample.crashActiveNode(lab);
        assertThat(crashed).isEqualTo(first);

        PsObject after = status(IntegratorExample.check(lab));
        String second = (String) after.get("Node").orElseThrow();
        assertThat(second).as("the connector moved with the CMS's group").isNotEqualTo(first);
        assertThat(after.get("State")).contains("Online");
        assertThat(after.get("Healthy")).contains(true);
        assertThat(IntegratorExample.connector(lab).state()).isEqualTo(ResourceState.ONLINE);

        // The journal tells the story: online on the first node, gone with the crash, online on the second.
        List<JournalEntry> journal = IntegratorExample.connectorJournal(lab);
        List<String> story = journal.stream()
                .filter(e -> e.source().equals(ArchiveConnectorType.JOURNAL_SOURCE)
                        || "Online".equals(e.attribute("to")))
                .map(e -> e.name() + "@" + e.attribute("node"))
                .toList();
        assertThat(story).containsSubsequence("connector.started@" + first, "resource.state@" + first,
                "connector.terminated@" + first, "connector.started@" + second, "resource.state@" + second);
        JournalEntry startedAgain = journal.stream().filter(e -> e.name().equals("connector.started")
                && e.attribute("node").equals(second)).findFirst().orElseThrow();
        JournalEntry crash = lab.journal().entries().stream().filter(e -> e.name().equals("node.state")
                && crashed.equals(e.attribute("node")) && "Down".equals(e.attribute("to"))).findFirst().orElseThrow();
        assertThat(startedAgain.time()).as("started on the survivor after the cluster saw the node down")
                .isAfter(crash.time());
    }

    @Test
    void theCustomCommandRefusesAnUnknownConnectorWithItsOwnErrorCode() {
        Lab lab = IntegratorExample.createLab(TOPOLOGY);
        RunReport report = lab.run(RunbookParser.parse("check.ps1", "Test-ArchiveConnector -Identity Nope\n"),
                RunOptions.defaults());
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.steps().get(0).error().code()).isEqualTo(ArchiveConnectorErrorCode.NOT_FOUND.id());
        assertThat(report.steps().get(0).error().message()).contains("No Contoso Archive Connector resource named"
                + " 'Nope'").contains("CCRCLUSTER");
    }

    @Test
    void theSameTopologyAndSeedGiveTheSameJournal() {
        String[] digests = new String[2];
        for (int i = 0; i < 2; i++) {
            Lab lab = IntegratorExample.createLab(TOPOLOGY);
            IntegratorExample.deployConnector(lab);
            IntegratorExample.crashActiveNode(lab);
            digests[i] = lab.journal().digest();
        }
        assertThat(digests[1]).isEqualTo(digests[0]);
    }
}
