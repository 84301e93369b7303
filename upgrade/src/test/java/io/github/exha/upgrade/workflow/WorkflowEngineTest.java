package io.github.exha.upgrade.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.Lab;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.upgrade.procedure.UpgradeChecks;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WorkflowEngineTest {
    private static final String SG = "\"EXCHCMS\\First Storage Group\"";
    private static final String MOVE = "Move-ClusteredMailboxServer -Identity EXCHCMS -TargetMachine NODE2"
            + " -MoveComment test -Confirm:$false";
    private final WorkflowEngine engine = new WorkflowEngine(TestLabs::create);

    private static Precondition copiesAllowMove() {
        return new Precondition("test.copies-allow-move", "no copy of EXCHCMS is failed, seeding or suspended",
                lab -> lab.instance(UpgradeChecks.class).copiesAllowMove("EXCHCMS", "NODE2"));
    }

    /** Settle, suspend the copy (maintenance), then try to move the CMS: its precondition fails. */
    private static Workflow suspendThenMove() {
        return Workflow.builder("suspend-then-move")
                .step("Let the copy settle", null, List.of(), List.of("Start-Sleep -Seconds 120"))
                .step("Suspend the copy", null, List.of(), List.of("Suspend-StorageGroupCopy -Identity " + SG
                        + " -SuspendComment maintenance -Confirm:$false"))
                .step("Move EXCHCMS to NODE2", null, List.of(copiesAllowMove()), List.of(
                        MOVE))
                .step("Check EXCHCMS", null, List.of(), List.of("Get-ClusteredMailboxServerStatus -Identity EXCHCMS"))
                .build();
    }

    @Test
    void planNamesTheFailingPreconditionWithExchangesCodeAndWhatEarlierStepsChanged() {
        WorkflowRun plan = engine.plan(TestLabs.ccr(), suspendThenMove(), RunOptions.defaults());

        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.exitCode()).isEqualTo(1);
        StepOutcome failed = plan.firstFailure().orElseThrow();
        assertThat(failed.number()).isEqualTo(3);
        assertThat(failed.error().code()).isEqualTo("replication.copy-not-healthy");
        assertThat(failed.error().message()).contains("Move-ClusteredMailboxServer cannot be performed");
        assertThat(failed.failedPrecondition().orElseThrow().code()).isEqualTo("test.copies-allow-move");
        // The move itself never ran: the precondition stopped it.
        assertThat(failed.statements()).extracting(s -> s.status()).containsExactly(StepStatus.SKIPPED);
        assertThat(plan.steps().get(3).status()).isEqualTo(StepStatus.SKIPPED);
        // The suspension shows as what step 2 changed.
        assertThat(plan.changedBeforeFailure()).extracting(StepOutcome::number).contains(2);
        assertThat(plan.steps().get(1).changes()).extracting(JournaledChange::name).contains("copy.suspended");
        assertThat(plan.stop()).hasValueSatisfying(stop -> assertThat(stop.step()).isEqualTo(2));
    }

    @Test
    void planIsWhatTheExecutionThenDoesAndLeavesTheCallersLabAlone() {
        Lab lab = TestLabs.create(TestLabs.ccr());
        String before = lab.journal().digest();
        WorkflowRun plan = engine.plan(TestLabs.ccr(), suspendThenMove(), RunOptions.defaults());
        assertThat(lab.journal().digest()).isEqualTo(before);

        WorkflowRun run = engine.execute(lab, suspendThenMove(), RunOptions.defaults());
        assertThat(run.dryRun()).isFalse();
        assertThat(run.report().journalDigest()).isEqualTo(plan.report().journalDigest());
        assertThat(run.steps()).extracting(StepOutcome::status).containsExactlyElementsOf(
                plan.steps().stream().map(StepOutcome::status).toList());
        assertThat(run.steps()).extracting(StepOutcome::changes).containsExactlyElementsOf(
                plan.steps().stream().map(StepOutcome::changes).toList());
    }

    @Test
    void executionJournalsEachStepAndEachPrecondition() {
        Lab lab = TestLabs.create(TestLabs.ccr());
        engine.execute(lab, suspendThenMove(), RunOptions.defaults());
        List<JournalEntry> workflow = lab.journal().entries().stream()
                .filter(e -> e.source().equals(WorkflowEngine.SOURCE)).toList();
        assertThat(workflow).extracting(e -> e.name() + " " + e.attribute("step")).containsExactly(
                "workflow.step.start 3", "workflow.precondition 3", "workflow.step.end 3");
        assertThat(workflow.get(1).attribute("held")).isEqualTo("false");
        assertThat(workflow.get(1).attribute("error")).isEqualTo("replication.copy-not-healthy");
        assertThat(workflow.get(2).attribute("status")).isEqualTo("FAILED");
        // Single-statement steps without preconditions are journaled by the runner's step.start / step.end.
        assertThat(lab.journal().entries()).filteredOn(e -> e.name().equals("step.start")).hasSize(2);
    }

    @Test
    void aRunbookThroughTheEngineHasTheJournalOfAPlainRun() {
        String text = "Start-Sleep 30\nGet-ClusteredMailboxServerStatus EXCHCMS\nStart-Sleep 30\n";
        Lab plain = TestLabs.create(TestLabs.ccr());
        String digest = plain.run(RunbookParser.parse("r.ps1", text), RunOptions.defaults()).journalDigest();

        Workflow workflow = Workflow.ofRunbook("r.ps1", text);
        assertThat(workflow.steps()).extracting(WorkflowStep::name)
                .containsExactly("Start-Sleep 30", "Get-ClusteredMailboxServerStatus EXCHCMS", "Start-Sleep 30");
        WorkflowRun run = engine.execute(TestLabs.create(TestLabs.ccr()), workflow, RunOptions.defaults());
        assertThat(run.report().journalDigest()).isEqualTo(digest);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void resumeReplaysToTheFailureAndContinuesWithTheInsertedFix() {
        Workflow ran = suspendThenMove();
        WorkflowRun stopped = engine.execute(TestLabs.create(TestLabs.ccr()), ran, RunOptions.defaults());
        StopPoint stop = stopped.stop().orElseThrow();

        Workflow fixed = Workflow.builder("suspend-then-move")
                .step("Let the copy settle", null, List.of(), List.of("Start-Sleep -Seconds 120"))
                .step("Suspend the copy", null, List.of(), List.of("Suspend-StorageGroupCopy -Identity " + SG
                        + " -SuspendComment maintenance -Confirm:$false"))
                .step("Resume the copy", null, List.of(), List.of("Resume-StorageGroupCopy -Identity " + SG,
                        "Start-Sleep -Seconds 60"))
                .step("Move EXCHCMS to NODE2", null, List.of(copiesAllowMove()), List.of(
                        MOVE))
                .step("Check EXCHCMS", null, List.of(), List.of("Get-ClusteredMailboxServerStatus -Identity EXCHCMS"))
                .build();
        WorkflowRun resumed = engine.resume(TestLabs.ccr(), stop, fixed, RunOptions.defaults());

        assertThat(resumed.exitCode()).as("%s", resumed.steps()).isZero();
        assertThat(resumed.resumedFrom()).contains(stop);
        assertThat(resumed.steps()).extracting(StepOutcome::number).containsExactly(3, 4, 5);
        assertThat(resumed.steps()).extracting(StepOutcome::name).containsExactly("Resume the copy",
                "Move EXCHCMS to NODE2", "Check EXCHCMS");
        assertThat(resumed.steps().get(2).statements().get(0).output().toString()).contains("NODE2 <Active>");
    }

    @Test
    void aResumeThatStopsAgainCanBeResumedInTurn() {
        StopPoint first = engine.execute(TestLabs.create(TestLabs.ccr()), suspendThenMove(), RunOptions.defaults())
                .stop().orElseThrow();
        // Resumed unchanged, the move's precondition fails again, in the world the first attempt left.
        WorkflowRun again = engine.resume(TestLabs.ccr(), first, suspendThenMove(), RunOptions.defaults());
        StopPoint second = again.stop().orElseThrow();
        assertThat(second.step()).isEqualTo(2);
        assertThat(second.resumedFrom()).contains(first);
        assertThat(second.journalDigest()).isNotEqualTo(first.journalDigest());

        Workflow fixed = Workflow.builder("suspend-then-move")
                .step("Let the copy settle", null, List.of(), List.of("Start-Sleep -Seconds 120"))
                .step("Suspend the copy", null, List.of(), List.of("Suspend-StorageGroupCopy -Identity " + SG
                        + " -SuspendComment maintenance -Confirm:$false"))
                .step("Resume the copy", null, List.of(), List.of("Resume-StorageGroupCopy -Identity " + SG,
                        "Start-Sleep -Seconds 60"))
                .step("Move EXCHCMS to NODE2", null, List.of(copiesAllowMove()), List.of(
                        MOVE))
                .build();
        WorkflowRun done = engine.resume(TestLabs.ccr(), second, fixed, RunOptions.defaults());
        assertThat(done.exitCode()).isZero();
        assertThat(done.steps()).extracting(StepOutcome::number).containsExactly(3, 4);
    }

    @Test
    void resumeRefusesWhenAStepThatAlreadyRanChanged() {
        StopPoint stop = engine.execute(TestLabs.create(TestLabs.ccr()), suspendThenMove(), RunOptions.defaults())
                .stop().orElseThrow();
        Workflow edited = Workflow.builder("suspend-then-move")
                .step("Let the copy settle", null, List.of(), List.of("Start-Sleep -Seconds 300"))
                .build();
        assertThatThrownBy(() -> engine.resume(TestLabs.ccr(), stop, edited, RunOptions.defaults()))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code())
                        .isEqualTo(WorkflowErrorCode.RESUME_STEPS_CHANGED))
                .hasMessageContaining("differs from step 1");
    }

    @Test
    void resumeRefusesAnotherWorldThanTheFailures() {
        StopPoint stop = engine.execute(TestLabs.create(TestLabs.ccr()), suspendThenMove(), RunOptions.defaults())
                .stop().orElseThrow();
        assertThatThrownBy(() -> engine.resume(TestLabs.spec("ccr-rtm.yaml", OptionalLong.of(8)), stop,
                suspendThenMove(), RunOptions.defaults()))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code())
                        .isEqualTo(WorkflowErrorCode.RESUME_WORLD_DIFFERS))
                .hasMessageContaining("did not reproduce the world of the failure");
    }

    @Test
    void renderedWorkflowIsARunbookWithOneCommentBlockPerStep() {
        Workflow workflow = suspendThenMove();
        assertThat(workflow.source()).contains("# Step 3: Move EXCHCMS to NODE2\n"
                + "#   requires test.copies-allow-move: no copy of EXCHCMS is failed, seeding or suspended\n"
                + "Move-ClusteredMailboxServer -Identity EXCHCMS");
        assertThat(workflow.steps()).extracting(WorkflowStep::statementCount).containsExactly(1, 1, 1, 1);
        assertThat(workflow.runbook().file()).isEqualTo("suspend-then-move.ps1");
    }
}
