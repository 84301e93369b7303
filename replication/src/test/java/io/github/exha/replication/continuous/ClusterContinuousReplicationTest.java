package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterContinuousReplicationTest {
    @Test
    void ccrCopyOfTheTopologysCmsIsSeededAtLabBuildAndBecomesHealthyReplayingClosedLogsOnly() {
        ReplicationLab lab = new ReplicationLab();
        StorageGroupCopy copy = lab.copy(ReplicationLab.CMS_SG);
        assertThat(copy.kind()).isEqualTo(CopyKind.CLUSTER);
        assertThat(copy.targetMachine()).isEqualTo("NODE2");
        assertThat(lab.group(ReplicationLab.CMS_SG).replicated()).isEqualTo(ReplicationKind.CLUSTER);

        lab.runFor(Duration.ofMinutes(2));

        CopyStatus status = lab.status(copy);
        assertThat(status.summary()).isEqualTo(SummaryCopyStatus.HEALTHY);
        assertThat(status.lastLogInspected()).isGreaterThan(50);
        Datacenter datacenter = lab.lab.instance(Datacenter.class);
        Host active = datacenter.host("NODE1");
        Host passive = datacenter.host("NODE2");
        LogDirectory source = LogDirectory.on(active, "D:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        LogDirectory target = LogDirectory.on(passive, "D:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        long current = source.currentHeader().orElseThrow().generation();
        // Only closed logs ship: the passive has no E00.log and is always behind the active's current log.
        assertThat(target.volume().exists(target.currentPath())).isFalse();
        assertThat(source.closedGenerations()).containsAll(target.closedGenerations());
        assertThat(copy.lastReplayed()).isLessThan(current).isGreaterThan(40);
        DatabaseFile replayed = DatabaseFile.read(passive.resolve("D:\\DB").volume(), "\\DB\\Mailbox Database.edb");
        assertThat(replayed.header().logRequired().low()).isEqualTo(copy.lastReplayed());

        String table = lab.text("Get-StorageGroupCopyStatus -Server CCRCMS");
        assertThat(table).contains("Name").contains("SummaryCopyStatus").contains("CopyQueueLength")
                .contains("ReplayQueueLength").contains("LastInspectedLogTime").contains("First Storage Group")
                .contains("Healthy");
    }
}
