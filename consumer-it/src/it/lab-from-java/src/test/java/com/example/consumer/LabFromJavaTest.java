package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.ExamplesModule;
import org.junit.jupiter.api.Test;

/** What README's "Using exha from Java" promises, done from outside the exha build. */
class LabFromJavaTest {
    private static final String TOPOLOGY = """
            name: consumer
            seed: 7
            start: 2008-03-01T08:00:00Z
            hosts:
              - name: NODE1
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                features: [Failover-Clustering]
                hotfixes: [KB921181]
                nics:
                  - { name: Public, network: Public, address: 192.168.10.11, prefix: 24 }
                  - { name: Heartbeat, network: Private, address: 10.0.0.11, prefix: 24 }
              - name: NODE2
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                features: [Failover-Clustering]
                hotfixes: [KB921181]
                nics:
                  - { name: Public, network: Public, address: 192.168.10.12, prefix: 24 }
                  - { name: Heartbeat, network: Private, address: 10.0.0.12, prefix: 24 }
              - name: HUB1
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2008, edition: STANDARD, servicePack: 1, architecture: X64 }
                features: [Web-Server]
                nics:
                  - { name: Public, network: Public, address: 192.168.10.21, prefix: 24 }
            clusters:
              - name: CLUSTER1
                ip: 192.168.10.20
                version: WINDOWS_2003
                nodes: [NODE1, NODE2]
                networks:
                  - { name: Public, role: PUBLIC, allowClients: true }
                  - { name: Private, role: PRIVATE, allowClients: false }
                quorum: { model: MNS_WITH_FILE_SHARE_WITNESS, witness: { host: HUB1, share: FSW_CLUSTER1, fullControl: [CLUSTER1$] } }
            """;

    private static final String RUNBOOK = """
            Enter-PSSession NODE1
            cluster CLUSTER1 node NODE2 /pause
            cluster CLUSTER1 node NODE2 /status
            """;

    private static RunReport run() {
        Lab lab = Lab.create(LabSpec.of(TopologySource.text("consumer.yaml", TOPOLOGY)), new ExamplesModule());
        RunReport report = lab.run(RunbookParser.parse("move.ps1", RUNBOOK), RunOptions.defaults());
        assertTrue(lab.journal().size() > 0, "the lab journaled nothing");
        return report;
    }

    @Test
    void aRunbookPausesANodeAndTheJournalIsReproducible() {
        RunReport report = run();
        for (StepResult step : report.steps()) {
            assertEquals(StepStatus.OK, step.status(), step.text() + " failed: " + step.error());
        }
        assertEquals(0, report.exitCode(), "exit code");
        StepResult status = report.steps().get(report.steps().size() - 1);
        PsObject node = status.output().stream().filter(PsObject.class::isInstance).map(PsObject.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no node status in " + status.output()));
        assertEquals("NODE2", node.get("Node").orElseThrow());
        assertEquals("Paused", String.valueOf(node.get("Status").orElseThrow()));
        assertEquals(report.journalDigest(), run().journalDigest(), "same topology, seed and runbook, same journal");
    }
}
