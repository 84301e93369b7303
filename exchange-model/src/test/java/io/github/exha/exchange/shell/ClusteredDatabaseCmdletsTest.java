package io.github.exha.exchange.shell;

import static io.github.exha.exchange.shell.RealStoreLab.CMS_DB;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import org.junit.jupiter.api.Test;

/**
 * Mount-, Dismount-, New- and Remove-MailboxDatabase on a 2007 single copy cluster with the real store: the cmdlets go
 * through the CMS's Database Instance resources, so the cluster does not undo a dismount.
 */
class ClusteredDatabaseCmdletsTest {
    private static final String INSTANCE = "First Storage Group/Mailbox Database (SCCCMS)";
    private final RealStoreLab shell = new RealStoreLab();
    private final FailoverCluster cluster = shell.lab.instance(ClusteredServerGroups.class)
            .clusterOf(shell.directory.server("SCCCMS"));

    @Test
    void dismountTakesTheDatabaseInstanceOfflineAndTheDatabaseStaysDismounted() {
        assertThat(shell.store.isMounted(CMS_DB)).isTrue();
        shell.text("Dismount-Database '" + CMS_DB + "' -Confirm:$false");
        assertThat(cluster.resource(INSTANCE).state()).isEqualTo(ResourceState.OFFLINE);
        String status = "Get-MailboxDatabase -Server SCCCMS -Status";
        assertThat(shell.text(status)).containsPattern("Mailbox Database\\s+SCCCMS\\s+.*False\\s*$");
        // The resource's IsAlive would have failed a dismounted database that the cluster still held online.
        assertThat(shell.text("Start-Sleep -Seconds 600\n" + status))
                .containsPattern("Mailbox Database\\s+SCCCMS\\s+.*False\\s*$");
        assertThat(shell.store.isMounted(CMS_DB)).isFalse();
        assertThat(cluster.resource(INSTANCE).state()).isEqualTo(ResourceState.OFFLINE);
        assertThat(shell.text("Get-ClusteredMailboxServerStatus SCCCMS")).contains("PartiallyOnline");
    }

    @Test
    void mountBringsTheDatabaseInstanceBackOnline() {
        shell.text("Dismount-Database '" + CMS_DB + "' -Confirm:$false");
        shell.text("Mount-Database '" + CMS_DB + "'");
        assertThat(cluster.resource(INSTANCE).state()).isEqualTo(ResourceState.ONLINE);
        assertThat(shell.store.isMounted(CMS_DB)).isTrue();
        assertThat(shell.text("Get-ClusteredMailboxServerStatus SCCCMS")).containsPattern("State\\s+: Online");
    }

    @Test
    void newMailboxDatabaseAddsItsDatabaseInstanceOnTheSharedDiskAndRemoveDeletesIt() {
        shell.text("New-MailboxDatabase -Name Second -StorageGroup 'SCCCMS\\First Storage Group' "
                + "-EdbFilePath 'G:\\DB2\\Second.edb'");
        String second = "First Storage Group/Second (SCCCMS)";
        ClusterResource resource = cluster.resource(second);
        assertThat(resource.state()).isEqualTo(ResourceState.OFFLINE);
        assertThat(resource.dependencies()).contains("Exchange Information Store Instance (SCCCMS)")
                .anyMatch(d -> d.startsWith("Disk G:"));
        shell.text("Mount-Database 'SCCCMS\\First Storage Group\\Second'");
        assertThat(cluster.resource(second).state()).isEqualTo(ResourceState.ONLINE);
        assertThat(shell.store.isMounted("SCCCMS\\First Storage Group\\Second")).isTrue();

        shell.text("Dismount-Database 'SCCCMS\\First Storage Group\\Second' -Confirm:$false");
        shell.text("Remove-MailboxDatabase 'SCCCMS\\First Storage Group\\Second' -Confirm:$false");
        assertThat(cluster.resources()).noneMatch(r -> r.name().equalsIgnoreCase(second));
        assertThat(shell.directory.databasesOnServer("SCCCMS")).hasSize(1);
    }

    @Test
    void aDatabaseInstanceThatCannotComeOnlineFailsMountWithTheClustersReason() {
        shell.text("Dismount-Database '" + CMS_DB + "' -Confirm:$false");
        // The passive node cannot host the group's resources while NODE1 owns them.
        cluster.setPossibleOwners(INSTANCE, java.util.List.of("NODE2"));
        var step = shell.failed("Mount-Database '" + CMS_DB + "'");
        assertThat(step.error().code()).isEqualTo("exchange.shell.cluster-resource-failed");
        assertThat(step.error().message()).contains(CMS_DB).contains(INSTANCE);
        assertThat(shell.store.isMounted(CMS_DB)).isFalse();
    }
}
