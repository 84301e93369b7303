package io.github.exha.upgrade.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.upgrade.workflow.StepOutcome;
import io.github.exha.upgrade.workflow.TestLabs;
import io.github.exha.upgrade.workflow.Workflow;
import io.github.exha.upgrade.workflow.WorkflowEngine;
import io.github.exha.upgrade.workflow.WorkflowRun;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Seed 003's activation of CCREX01 in the backup datacenter, as a workflow, on seed 003's topology. */
class ScrSiteActivationTest {
    private static final LabSpec SEED_003 = TestLabs.spec("seed-003-scr.yaml", OptionalLong.empty());
    private static final String SCR = "Enable-StorageGroupCopy \"CCREX01\\First Storage Group\" -StandbyMachine"
            + " NH-W2K3-SRV01 -ReplayLagTime 0.0:0:0\nStart-Sleep -Seconds 600\n";
    private static final String SITE_LOSS = "Stop-Computer -ComputerName NH-W2K3-SRV03,NH-W2K3-SRV04 -Force"
            + " -Confirm:$false\nStart-Sleep -Seconds 60\n";

    private final Workflow activation = new ScrSiteActivation("CCREX01", "NH-W2K3-SRV01", "192.168.20.30",
            List.of("CCREX01\\First Storage Group\\Mailbox Database")).workflow();
    private final WorkflowEngine engine = new WorkflowEngine(TestLabs::create);

    private static Lab lab(String before) {
        Lab lab = TestLabs.create(SEED_003);
        lab.run(RunbookParser.parse("before.ps1", before), RunOptions.defaults());
        return lab;
    }

    @Test
    void rendersSeed003sActivationLines() {
        assertThat(activation.runbook().statements()).extracting(s -> s.text()).containsExactly(
                "Restore-StorageGroupCopy \"CCREX01\\First Storage Group\" -StandbyMachine NH-W2K3-SRV01 -Force"
                        + " -Confirm:$false",
                "Enter-PSSession NH-W2K3-SRV01",
                "setup.com /RecoverCMS /CMSName:CCREX01 /CMSIPAddress:192.168.20.30",
                "Exit-PSSession",
                "Mount-Database \"CCREX01\\First Storage Group\\Mailbox Database\"",
                "Get-ClusteredMailboxServerStatus -Identity CCREX01",
                "Get-MailboxDatabase -Server CCREX01 -Status");
    }

    @Test
    void afterTheSiteIsLostTheWorkflowBringsCcrex01OnlineInTheBackupDatacenter() {
        WorkflowRun run = engine.execute(lab(SCR + SITE_LOSS), activation, RunOptions.defaults());

        assertThat(run.exitCode()).as("%s", run.steps()).isZero();
        assertThat(run.steps()).extracting(StepOutcome::status).containsOnly(StepStatus.OK);
        StepOutcome check = run.steps().get(3);
        assertThat(check.preconditions()).singleElement().satisfies(p -> assertThat(p.held()).isTrue());
        assertThat(check.statements().get(0).output().toString()).contains("NH-W2K3-SRV01 <Active");
        // -Force warns that data loss is expected: the plan and the run show it on the activation step.
        assertThat(run.steps().get(0).warnings()).isNotEmpty();
    }

    @Test
    void withProductionStillServingTheWorkflowStopsBeforeActivatingAnything() {
        Lab lab = lab(SCR);
        WorkflowRun run = engine.execute(lab, activation, RunOptions.defaults());

        StepOutcome first = run.steps().get(0);
        assertThat(first.status()).isEqualTo(StepStatus.FAILED);
        assertThat(first.error().code()).isEqualTo("upgrade.cms-not-serving");
        assertThat(first.error().message()).isEqualTo("Required: CCREX01 is offline in the production datacenter."
                + " Found: CCREX01 is Online on NH-W2K3-SRV03.");
        assertThat(first.statements()).extracting(s -> s.status()).containsOnly(StepStatus.SKIPPED);
        assertThat(first.changes()).isEmpty();
        assertThat(run.steps().subList(1, run.steps().size())).extracting(StepOutcome::status)
                .containsOnly(StepStatus.SKIPPED);
    }

    @Test
    void withoutAnScrCopyTheFirstStepsPreconditionNamesTheMissingCopy() {
        WorkflowRun plan = engine.plan(SEED_003, activation, RunOptions.defaults());
        // In the untouched world CCREX01 is online: the first precondition fails first.
        assertThat(plan.firstFailure().orElseThrow().failedPrecondition().orElseThrow().code())
                .isEqualTo("upgrade.cms-not-serving");

        Lab lost = lab(SITE_LOSS);
        WorkflowRun run = engine.execute(lost, activation, RunOptions.defaults());
        assertThat(run.firstFailure().orElseThrow().error().message()).endsWith(
                "Found: CCREX01\\First Storage Group has no standby continuous replication copy on NH-W2K3-SRV01.");
    }
}
