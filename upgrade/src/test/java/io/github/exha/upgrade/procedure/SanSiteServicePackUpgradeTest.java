package io.github.exha.upgrade.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.replication.san.SanReplicationCoordinator;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.upgrade.workflow.StepOutcome;
import io.github.exha.upgrade.workflow.TestLabs;
import io.github.exha.upgrade.workflow.Workflow;
import io.github.exha.upgrade.workflow.WorkflowEngine;
import io.github.exha.upgrade.workflow.WorkflowRun;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Seed 000's procedure as a workflow, run on the seed's topology (the SCC pair with SAN replication). */
class SanSiteServicePackUpgradeTest {
    private static final LabSpec SEED_000 = TestLabs.spec("seed-000-san-dr.yaml", OptionalLong.empty());
    // The DR CMS settles as Failed on its read-only disks (owned by DRNODE2) within the lab's first minutes.
    private static final String SETTLE = "Start-Sleep -Seconds 900\n";

    private final Workflow workflow = new SanSiteServicePackUpgrade("EXCH-CG", "Exchange-Main", "MAINNODE1",
            "MAINNODE2", "Exchange-DR", List.of("DRNODE1", "DRNODE2"), "SAN-DR", List.of("EXCH-DATA-R", "EXCH-LOGS-R"),
            ExchangeBuild.EXCHANGE_2007_SP2).workflow();
    private final WorkflowEngine engine = new WorkflowEngine(TestLabs::create);

    private static Lab lab(String before) {
        Lab lab = TestLabs.create(SEED_000);
        lab.run(RunbookParser.parse("before.ps1", before), RunOptions.defaults());
        return lab;
    }

    @Test
    void rendersTheSeedsProcedureWithItsPipelineLine() {
        assertThat(workflow.runbook().statements()).extracting(s -> s.text())
                .startsWith("Suspend-SanReplication -Group EXCH-CG -Confirm:$false",
                        "Set-SanLunAccess -Array SAN-DR -Lun EXCH-DATA-R -Access ReadWrite -Confirm:$false",
                        "Set-SanLunAccess -Array SAN-DR -Lun EXCH-LOGS-R -Access ReadWrite -Confirm:$false",
                        "Get-MailboxDatabase -Server Exchange-DR | Set-MailboxDatabase -AllowFileRestore:$true")
                .contains("setup.com /upgradeCMS",
                        "Resume-SanReplication -Group EXCH-CG -Direction SourceToTarget -Confirm:$false");
    }

    @Test
    void upgradesBothSitesAndLeavesTheReplicasReadOnlyAndInSync() {
        Lab lab = lab(SETTLE);
        WorkflowRun run = engine.execute(lab, workflow, RunOptions.defaults());

        assertThat(run.exitCode()).as("%s", run.firstFailure()).isZero();
        assertThat(run.steps()).extracting(StepOutcome::status).containsOnly(StepStatus.OK);
        ExchangeDirectory directory = lab.instance(ExchangeDirectory.class);
        for (String host : List.of("MAINNODE1", "MAINNODE2", "DRNODE1", "DRNODE2")) {
            assertThat(directory.installation(host).orElseThrow().build()).as(host)
                    .isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
        }
        assertThat(directory.server("Exchange-Main").build()).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
        assertThat(directory.server("Exchange-DR").build()).isEqualTo(ExchangeBuild.EXCHANGE_2007_SP2);
        SanReplicationCoordinator san = lab.instance(SanReplicationCoordinator.class);
        assertThat(san.group("EXCH-CG").status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(san.array("SAN-DR").lun("EXCH-DATA-R").accessState()).isEqualTo(AccessState.READ_ONLY);
    }

    @Test
    void withReplicationAlreadySuspendedTheProcedureStopsBeforeChangingAnything() {
        Lab lab = lab(SETTLE + "Suspend-SanReplication -Group EXCH-CG -Confirm:$false\n");
        WorkflowRun run = engine.execute(lab, workflow, RunOptions.defaults());

        StepOutcome first = run.steps().get(0);
        assertThat(first.status()).isEqualTo(StepStatus.FAILED);
        assertThat(first.error().code()).isEqualTo("upgrade.group-in-sync");
        assertThat(first.error().message()).isEqualTo("Required: EXCH-CG is in sync. Found: consistency group "
                + "EXCH-CG is SUSPENDED.");
        assertThat(first.changes()).isEmpty();
        assertThat(lab.instance(ExchangeDirectory.class).installation("MAINNODE2").orElseThrow().build())
                .isEqualTo(ExchangeBuild.EXCHANGE_2007_SP1);
    }

    @Test
    void theDrUpgradeIsRefusedByItsPreconditionWhileTheReplicasAreReadOnly() {
        // The naive order: Main upgraded, the DR replicas left read-only. The plan names the DR step's precondition.
        Workflow naive = Workflow.builder("naive").step("Upgrade the DR node DRNODE2 and Exchange-DR", "DRNODE2",
                workflow.steps().stream().filter(s -> s.name().startsWith("Upgrade the DR node DRNODE2")).findFirst()
                        .orElseThrow().preconditions(), List.of("setup.com /mode:upgrade", "setup.com /upgradeCMS"))
                .build();
        WorkflowRun plan = engine.plan(SEED_000, naive, RunOptions.defaults());
        assertThat(plan.firstFailure().orElseThrow().failedPrecondition().orElseThrow().code())
                .isIn("upgrade.cms-not-serving", "upgrade.lun-read-write");
        WorkflowRun settled = engine.execute(lab(SETTLE), naive, RunOptions.defaults());
        assertThat(settled.firstFailure().orElseThrow().error().message())
                .isEqualTo("Required: EXCH-DATA-R on SAN-DR is read/write. Found: LUN EXCH-DATA-R on array SAN-DR is "
                        + "READ_ONLY.");
    }
}
