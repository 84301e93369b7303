package io.github.exha.upgrade.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.Lab;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.upgrade.workflow.Precondition;
import io.github.exha.upgrade.workflow.PreconditionResult;
import io.github.exha.upgrade.workflow.TestLabs;
import io.github.exha.upgrade.workflow.Workflow;
import io.github.exha.upgrade.workflow.WorkflowEngine;
import io.github.exha.upgrade.workflow.WorkflowRun;
import io.github.exha.upgrade.workflow.WorkflowStep;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CcrServicePackUpgradeTest {
    private final Workflow workflow = new CcrServicePackUpgrade("EXCHCMS", "NODE1", "NODE2",
            ExchangeBuild.EXCHANGE_2007_SP1).workflow();

    private static List<PreconditionResult> evaluate(Lab lab, WorkflowStep step) {
        return step.preconditions().stream().map(p -> p.evaluate(lab)).toList();
    }

    @Test
    void rendersDomainSequencePassiveFirstThenMoveStopUpgradeCmsAndTheFormerActive() {
        assertThat(workflow.steps()).extracting(WorkflowStep::name).containsExactly(
                "Upgrade the passive node NODE2", "Move EXCHCMS to the upgraded node NODE2", "Stop EXCHCMS",
                "Upgrade EXCHCMS from NODE2", "Upgrade the former active node NODE1", "Check EXCHCMS and its copies");
        assertThat(workflow.runbook().statements()).extracting(s -> s.text()).containsExactly(
                "Enter-PSSession NODE2", "setup.com /mode:upgrade", "Exit-PSSession",
                "Move-ClusteredMailboxServer -Identity EXCHCMS -TargetMachine NODE2"
                        + " -MoveComment \"Rolling upgrade to service pack 1\" -Confirm:$false",
                "Stop-ClusteredMailboxServer -Identity EXCHCMS -StopReason \"Upgrading EXCHCMS to service pack 1\"",
                "Enter-PSSession NODE2", "setup.com /UpgradeCMS", "Exit-PSSession",
                "Enter-PSSession NODE1", "setup.com /mode:upgrade", "Exit-PSSession",
                "Get-ClusteredMailboxServerStatus -Identity EXCHCMS", "Get-StorageGroupCopyStatus -Server EXCHCMS");
        // The rendered text is an ordinary runbook: it parses to the same statements.
        assertThat(RunbookParser.parse("x.ps1", workflow.source()).statements()).hasSize(13);
        assertThat(workflow.source()).contains("#   requires upgrade.cms-offline: EXCHCMS is offline\n"
                + "Enter-PSSession NODE2\nsetup.com /UpgradeCMS\n");
    }

    @Test
    void firstStepsPreconditionsHoldOnAHealthyRtmCluster() {
        Lab lab = TestLabs.create(TestLabs.ccr());
        lab.run(RunbookParser.parse("settle.ps1", "Start-Sleep -Seconds 120\n"), RunOptions.defaults());
        assertThat(evaluate(lab, workflow.steps().get(0))).allMatch(PreconditionResult::held);
        // Step 2 needs NODE2 upgraded, which only step 1 does.
        PreconditionResult notYet = evaluate(lab, workflow.steps().get(1)).get(0);
        assertThat(notYet.held()).isFalse();
        assertThat(notYet.error().code()).isEqualTo("upgrade.node-at-target");
        assertThat(notYet.error().message()).isEqualTo(
                "Required: NODE2 runs Version 8.1 (Build 240.6). Found: NODE2 runs Version 8.0 (Build 685.24).");
    }

    @Test
    void aSuspendedCopyStopsTheProcedureBeforeThePassiveNodeIsTouchedWithExchangesRefusal() {
        Lab lab = TestLabs.create(TestLabs.ccr());
        lab.run(RunbookParser.parse("suspend.ps1", "Start-Sleep -Seconds 120\nSuspend-StorageGroupCopy -Identity"
                + " \"EXCHCMS\\First Storage Group\" -Confirm:$false\n"), RunOptions.defaults());
        PreconditionResult copies = evaluate(lab, workflow.steps().get(0)).get(1);
        assertThat(copies.held()).isFalse();
        assertThat(copies.error().code()).isEqualTo("replication.copy-not-healthy");
        assertThat(copies.error().message()).startsWith("Continuous replication is in a failed, seeding, or suspended"
                + " state on 'First Storage Group'.");
    }

    @Test
    void activeAndPassiveNodeMustDiffer() {
        assertThatThrownBy(() -> new CcrServicePackUpgrade("EXCHCMS", "NODE1", "node1",
                ExchangeBuild.EXCHANGE_2007_SP1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(workflow.steps().get(3).preconditions()).extracting(Precondition::code)
                .containsExactly("upgrade.cms-offline");
    }

    @Test
    void runsToTheEndOnTheRollingUpgradeTopologyWithTheCmsOnlineOnTheUpgradedNodes() {
        Workflow toSp2 = new CcrServicePackUpgrade("CCRCMS", "NODE1", "NODE2", ExchangeBuild.EXCHANGE_2007_SP2)
                .workflow();
        Lab lab = TestLabs.create(TestLabs.spec("ccr-rolling-upgrade.yaml", OptionalLong.empty()));
        // The passive node's copy is seeded when the lab starts: the procedure begins once it is healthy.
        lab.run(RunbookParser.parse("settle.ps1", "Start-Sleep -Seconds 300"), RunOptions.defaults());
        WorkflowRun run = new WorkflowEngine(
                TestLabs::create).execute(lab, toSp2, RunOptions.defaults());

        assertThat(run.exitCode()).as("%s", run.firstFailure()).isZero();
        ExchangeDirectory directory = lab.instance(ExchangeDirectory.class);
        assertThat(directory.server("CCRCMS").build()).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
        assertThat(directory.installation("NODE1").orElseThrow().build()).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
        assertThat(run.steps().get(run.steps().size() - 1).statements().get(0).output().toString())
                .contains("NODE2 <Active");
    }
}
