package io.github.exha.upgrade.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.upgrade.workflow.StepOutcome;
import io.github.exha.upgrade.workflow.TestLabs;
import io.github.exha.upgrade.workflow.Workflow;
import io.github.exha.upgrade.workflow.WorkflowEngine;
import io.github.exha.upgrade.workflow.WorkflowRun;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Seed 001's two-node rolling SP1 upgrade as a workflow, on the seed's two-node topology (EVS1 on NODE1). */
class EvsServicePackUpgradeTest {
    private static final LabSpec TWO_NODES = TestLabs.spec("seed-001-rolling-upgrade-2node.yaml",
            OptionalLong.empty());
    private static final String UPDATE = "D:\\E3SP1\\setup\\i386\\update.exe";

    private final Workflow workflow = new EvsServicePackUpgrade("EXCLUSTER", "EVS1", "NODE2", "NODE1", UPDATE)
            .workflow();
    private final WorkflowEngine engine = new WorkflowEngine(TestLabs::create);

    @Test
    void rendersTheSeedsOrderHotfixThenServicePackOnThePassiveNodeFirst() {
        assertThat(workflow.runbook().statements()).extracting(s -> s.text()).startsWith(
                "Enter-PSSession NODE2",
                "WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart",
                "shutdown /r /t 0 /c \"KB831464 before Exchange 2003 SP1\"")
                .contains(UPDATE, "Update-ExchangeVirtualServer \"Exchange System Attendant (EVS1)\"",
                        "cluster EXCLUSTER group \"EVS1\" /moveto:NODE1");
    }

    @Test
    void upgradesBothNodesAndTheEvsAndEndsWithTheEvsBackOnItsNode() {
        Lab lab = TestLabs.create(TWO_NODES);
        WorkflowRun run = engine.execute(lab, workflow, RunOptions.defaults());

        assertThat(run.exitCode()).as("%s", run.firstFailure()).isZero();
        assertThat(run.steps()).extracting(StepOutcome::status).containsOnly(StepStatus.OK);
        ExchangeDirectory directory = lab.instance(ExchangeDirectory.class);
        assertThat(directory.server("EVS1").build()).isEqualTo(ExchangeBuild.EXCHANGE_2003_SP1);
        assertThat(directory.installation("NODE1").orElseThrow().build()).isEqualTo(ExchangeBuild.EXCHANGE_2003_SP1);
        assertThat(directory.installation("NODE2").orElseThrow().build()).isEqualTo(ExchangeBuild.EXCHANGE_2003_SP1);
        assertThat(run.steps().get(run.steps().size() - 1).statements().get(2).output().toString())
                .contains("NODE1").contains("Online");
    }

    @Test
    void startedWithTheNodesTheWrongWayRoundItStopsBeforeInstallingOnTheEvsNode() {
        Workflow wrong = new EvsServicePackUpgrade("EXCLUSTER", "EVS1", "NODE1", "NODE2", UPDATE).workflow();
        Lab lab = TestLabs.create(TWO_NODES);
        WorkflowRun run = engine.execute(lab, wrong, RunOptions.defaults());

        StepOutcome first = run.steps().get(0);
        assertThat(first.status()).isEqualTo(StepStatus.FAILED);
        assertThat(first.error().code()).isEqualTo("upgrade.evs-not-on-node");
        assertThat(first.error().message()).isEqualTo("Required: EVS1 does not run on NODE1. Found: EVS1 is on NODE1.");
        assertThat(first.changes()).isEmpty();
    }
}
