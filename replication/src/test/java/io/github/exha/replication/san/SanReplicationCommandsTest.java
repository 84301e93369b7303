package io.github.exha.replication.san;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.run.StepResult;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SanReplicationCommandsTest {
    private final SanLab lab = new SanLab();

    private StorageArray array(String name) {
        return lab.lab.instance(StorageFabric.class).array(name).orElseThrow();
    }

    private ConsistencyGroup group() {
        return array("SAN-DR").consistencyGroup("EXCH-CG");
    }

    @Test
    void theDeclaredGroupReplicatesInSyncWithReadOnlyReplicas() {
        assertThat(group().status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(array("SAN-DR").lun("EXCH-DATA-R").accessState()).isEqualTo(AccessState.READ_ONLY);
        assertThat(array("SAN-DR").lun("EXCH-DATA-R").allocatedBytes()).isPositive();
    }

    @Test
    void theCoordinatorMapsBothServersDisksStorageGroupsAndDatabasesToTheGroup() {
        SanReplicationCoordinator coordinator = lab.lab.instance(SanReplicationCoordinator.class);
        List<ExchangeDisk> main = coordinator.disksOf("Exchange-Main");
        assertThat(main).extracting(ExchangeDisk::lun).containsExactly(new LunRef("SAN-MAIN", "EXCH-DATA"),
                new LunRef("SAN-MAIN", "EXCH-LOGS"));
        assertThat(main.get(0).databases()).containsExactly("Exchange-Main\\First Storage Group\\Mailbox Database");
        assertThat(main.get(1).storageGroups()).containsExactly("Exchange-Main\\First Storage Group");
        assertThat(coordinator.disksOn(new LunRef("SAN-DR", "EXCH-LOGS-R"))).extracting(ExchangeDisk::server)
                .containsExactly("Exchange-DR");
        assertThat(coordinator.groupsOfServer("exchange-dr")).extracting(ConsistencyGroup::name)
                .containsExactly("EXCH-CG");
        assertThat(coordinator.groupsOfStorageGroup("Exchange-Main\\First Storage Group"))
                .extracting(ConsistencyGroup::name).containsExactly("EXCH-CG");
    }

    @Test
    void getSanReplicationShowsEachPairWithAccessLagAndTheExchangeDataOnIt() {
        List<StepResult> steps = lab.ok("Get-SanReplication EXCH-CG\n");
        List<Object> output = steps.get(0).output();
        assertThat(output).hasSize(2);
        PsObject data = (PsObject) output.get(0);
        assertThat(data.get("State")).contains(ReplicationState.IN_SYNC);
        assertThat(data.get("TargetLun")).contains("EXCH-DATA-R");
        assertThat(data.get("TargetAccess")).contains(AccessState.READ_ONLY);
        assertThat(data.get("PendingBytes")).contains(0L);
        assertThat(data.get("ExchangeDisks")).contains(List.of("Exchange-DR F:", "Exchange-Main F:"));
        assertThat(lab.ok("Get-SanReplication -Array SAN-DR\n").get(0).output()).hasSize(2);
    }

    @Test
    void startingTheDrCmsWhileItsLunIsReadOnlyFailsNamingTheLun() {
        // The lab's first online attempt (and its restarts) fail first; then the administrator tries again.
        lab.ok("Start-Sleep -Seconds 600\n");
        StepResult failed = lab.failed("Start-ClusteredMailboxServer -Identity Exchange-DR\n");
        assertThat(failed.error().message()).contains("EXCH-DATA-R").contains("SAN-DR").contains("read-only");
    }

    @Test
    void afterFailoverTheDrCmsComesOnlineAndMountsTheReplicaWithAllowFileRestore() {
        lab.ok("""
                Start-Sleep -Seconds 600
                Invoke-SanFailover -Server Exchange-DR -Confirm:$false
                Get-MailboxDatabase –server Exchange-DR | Set-MailboxDatabase –allowfilerestore:$TRUE
                Start-ClusteredMailboxServer -Identity Exchange-DR
                """);
        assertThat(group().status().state()).isEqualTo(ReplicationState.FAILED_OVER);
        PsObject database = (PsObject) lab.ok("Get-MailboxDatabase -Server Exchange-DR -Status\n").get(0).output()
                .get(0);
        assertThat(database.get("Mounted")).contains(true);
    }

    @Test
    void makingAReplicatingTargetWritableIsRefusedWithTheSpisInvalidStateCode() {
        StepResult failed = lab.failed("Set-SanLunAccess -Array SAN-DR -Lun EXCH-DATA-R -Access ReadWrite\n");
        assertThat(failed.error().code()).isEqualTo("replication.san.storage.invalid-state");
        assertThat(array("SAN-DR").lun("EXCH-DATA-R").accessState()).isEqualTo(AccessState.READ_ONLY);
    }

    @Test
    void theSeedsUpgradeDetourSuspendsMakesTheReplicaWritableAndResynchronisesFromTheSource() {
        lab.ok("""
                Suspend-SanReplication -Server Exchange-Main
                Set-SanLunAccess -Array SAN-DR -Lun EXCH-DATA-R -Access ReadWrite
                Set-SanLunAccess -Array SAN-DR -Lun EXCH-LOGS-R -Access ReadWrite
                """);
        assertThat(group().status().state()).isEqualTo(ReplicationState.SUSPENDED);
        assertThat(array("SAN-DR").lun("EXCH-DATA-R").accessState()).isEqualTo(AccessState.READ_WRITE);

        lab.ok("""
                Resume-SanReplication EXCH-CG -Direction SourceToTarget
                Start-Sleep -Seconds 300
                """);
        assertThat(group().status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(array("SAN-DR").lun("EXCH-DATA-R").accessState()).isEqualTo(AccessState.READ_ONLY);
    }

    @Test
    void whatIfChangesNothing() {
        List<StepResult> steps = lab.ok("""
                Invoke-SanFailover -Group EXCH-CG -WhatIf
                Stop-SanArray SAN-MAIN -WhatIf
                """);
        assertThat(steps.get(0).output().toString()).contains("What if");
        assertThat(group().status().state()).isEqualTo(ReplicationState.IN_SYNC);
        assertThat(array("SAN-MAIN").isPoweredOn()).isTrue();
    }

    @Test
    void losingTheMainArrayDisconnectsTheGroupAndFailoverStillPromotesTheReplicas() {
        lab.ok("""
                Stop-SanArray -Array SAN-MAIN -Confirm:$false
                Invoke-SanFailover -Group EXCH-CG -Confirm:$false
                """);
        assertThat(array("SAN-MAIN").isPoweredOn()).isFalse();
        assertThat(group().status().state()).isEqualTo(ReplicationState.FAILED_OVER);
        assertThat(array("SAN-DR").lun("EXCH-LOGS-R").accessState()).isEqualTo(AccessState.READ_WRITE);
    }

    @Test
    void namingTheReplicationWronglyIsRefusedWithTypedErrors() {
        assertThat(lab.failed("Suspend-SanReplication EXCH-GC\n").error().code())
                .isEqualTo(SanReplicationErrorCode.GROUP_NOT_FOUND.id());
        assertThat(lab.failed("Suspend-SanReplication EXCH-CG -Server Exchange-Main\n").error().code())
                .isEqualTo(SanReplicationErrorCode.AMBIGUOUS_TARGET.id());
        assertThat(lab.failed("Set-SanLunAccess -Array SAN-XX -Lun A -Access ReadOnly\n").error().code())
                .isEqualTo(SanReplicationErrorCode.ARRAY_NOT_FOUND.id());
    }

    @Test
    void everySpiErrorCodeHasItsOwnCommandCodeKeepingTheSpiId() {
        Set<String> ids = new HashSet<>();
        for (StorageErrorCode code : StorageErrorCode.values()) {
            SanReplicationErrorCode mapped = SanReplicationErrorCode.of(code);
            assertThat(mapped.id()).isEqualTo("replication.san." + code.id());
            assertThat(ids.add(mapped.id())).isTrue();
        }
    }
}
