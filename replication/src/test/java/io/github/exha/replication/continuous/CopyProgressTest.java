package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyProgressTest {
    private static final String ENABLE_SCR = "Enable-StorageGroupCopy “CCRCMS\\First Storage Group” "
            + "–StandbyMachine STBY –ReplayLagTime 0.0:0:0";

    @Test
    void aListenerSeesTheQueuesTheCopyStatusReportsWithoutChangingTheJournal() {
        ReplicationLab watched = new ReplicationLab();
        List<CopyProgress> seen = new ArrayList<>();
        watched.service.observeProgress(seen::add);
        ReplicationLab alone = new ReplicationLab();

        for (ReplicationLab lab : List.of(watched, alone)) {
            lab.text(ENABLE_SCR);
            lab.runFor(Duration.ofSeconds(120));
        }

        assertThat(watched.lab.journal().digest()).isEqualTo(alone.lab.journal().digest());
        List<CopyProgress> standby = seen.stream().filter(p -> p.targetMachine().equals("STBY")).toList();
        assertThat(standby).isNotEmpty().allSatisfy(p -> assertThat(p.kind()).isEqualTo(CopyKind.STANDBY));
        assertThat(standby).extracting(CopyProgress::time).isSorted();
        CopyProgress last = standby.get(standby.size() - 1);
        StorageGroupCopy copy = watched.service.copy(watched.group(ReplicationLab.CMS_SG), "STBY").orElseThrow();
        assertThat(last.inspected()).isEqualTo(copy.lastInspected());
        assertThat(last.replayed()).isEqualTo(copy.lastReplayed()).isPositive();
        assertThat(last.replayedLogTime()).isPresent();
        // SCR holds back 50 inspected logs, whatever ReplayLagTime says.
        assertThat(last.replayQueue()).isBetween((long) ReplicationService.STANDBY_REPLAY_HOLD,
                ReplicationService.STANDBY_REPLAY_HOLD + 2L);
        // A listener that comes later is told at once where each seeded copy stands.
        List<CopyProgress> late = new ArrayList<>();
        watched.service.observeProgress(late::add);
        assertThat(late).anySatisfy(p -> {
            assertThat(p.targetMachine()).isEqualTo("STBY");
            assertThat(p.inspected()).isEqualTo(copy.lastInspected());
            assertThat(p.time()).isEqualTo(watched.lab.clock().instant());
        });
    }
}
