package io.github.exha.upgrade.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.upgrade.workflow.StepOutcome;
import io.github.exha.upgrade.workflow.TestLabs;
import io.github.exha.upgrade.workflow.Workflow;
import io.github.exha.upgrade.workflow.WorkflowEngine;
import io.github.exha.upgrade.workflow.WorkflowRun;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Seed 004's path move as a workflow, on the seed's CCR topology (EXCHCCR on NODE1, NODE2 passive). */
class StorageGroupPathMoveTest {
    private static final LabSpec CCR = TestLabs.spec("seed-004-ccr.yaml", OptionalLong.empty());
    private static final String OLD = "C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox\\First Storage Group";

    private final WorkflowEngine engine = new WorkflowEngine(TestLabs::create);

    private static Workflow move(String databaseFolder) {
        return new StorageGroupPathMove("EXCHCCR", "First Storage Group", "Mailbox Database", OLD, databaseFolder,
                "E:\\Logs", List.of("NODE1", "NODE2")).workflow();
    }

    private static Lab settled() {
        Lab lab = TestLabs.create(CCR);
        lab.run(RunbookParser.parse("settle.ps1", "Start-Sleep -Seconds 900"), RunOptions.defaults());
        return lab;
    }

    @Test
    void movesTheFilesOnBothNodesAndMountsFromTheNewPathsWithTheCopyHealthy() {
        Lab lab = settled();
        WorkflowRun run = engine.execute(lab, move("F:\\Databases"), RunOptions.defaults());

        assertThat(run.exitCode()).as("%s", run.firstFailure()).isZero();
        assertThat(run.steps()).extracting(StepOutcome::status).containsOnly(StepStatus.OK);
        ExchangeDirectory directory = lab.instance(ExchangeDirectory.class);
        assertThat(directory.database("EXCHCCR\\First Storage Group\\Mailbox Database").edbFilePath())
                .isEqualTo("F:\\Databases\\Mailbox Database.edb");
        for (String node : List.of("NODE1", "NODE2")) {
            Host host = lab.instance(Datacenter.class).host(node);
            WindowsPath edb = host.resolve("F:\\Databases\\Mailbox Database.edb");
            assertThat(edb.volume().exists(edb.path())).as(node).isTrue();
            WindowsPath old = host.resolve(OLD + "\\Mailbox Database.edb");
            assertThat(old.volume().exists(old.path())).as(node).isFalse();
        }
        assertThat(run.steps().get(run.steps().size() - 1).statements().get(1).output().toString())
                .contains("Healthy");
    }

    @Test
    void aDriveMissingOnANodeStopsItBeforeTheCopyIsSuspended() {
        Lab lab = settled();
        WorkflowRun run = engine.execute(lab, move("G:\\Databases"), RunOptions.defaults());

        StepOutcome first = run.steps().get(0);
        assertThat(first.status()).isEqualTo(StepStatus.FAILED);
        assertThat(first.error().code()).isEqualTo("upgrade.drive-present");
        assertThat(first.error().message()).startsWith("Required: NODE1 has drive G:. Found: NODE1: ")
                .contains("The system cannot find the drive specified.");
        assertThat(first.changes()).isEmpty();
    }
}
