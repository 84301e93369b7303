package io.github.exha.exchange.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.exchange.clustering.ClusteredMailboxServerState;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.clustering.ExchangeLabs;
import io.github.exha.exchange.clustering.FakeInformationStore;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeEdition;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ServerRole;
import io.github.exha.exchange.server.InformationStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** setup.com's modes and refusals on a SAN-backed cluster, a second cluster and hosts that miss prerequisites. */
class SetupModesTest {
    private static final String SCC = """
            Enter-PSSession -ComputerName EXCHMAILBOX1
            Setup.com /NewCMS /CMSName:EXCHCMS /CMSIPAddress:192.168.10.31 /CMSSharedStorage /CMSDataPath:F:\\SCC
            Exit-PSSession
            Enter-PSSession -ComputerName EXCHMAILBOX2
            setup.com /mode:install /roles:Mailbox
            Exit-PSSession
            """;

    private final Lab lab = ExchangeLabs.lab("setup-san.yaml");
    private final FailoverCluster cluster = lab.instance(Clusters.class).cluster("EXCLUSTER");
    private final ExchangeDirectory directory = lab.instance(ExchangeDirectory.class);
    private final ClusteredMailboxServers servers = lab.instance(ClusteredMailboxServers.class);

    private RunReport run(String text) {
        return ExchangeLabs.run(lab, text);
    }

    private static RunReport ok(RunReport report) {
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        return report;
    }

    /** The message of the one failed step. */
    private static String refusal(RunReport report) {
        StepResult failed = report.steps().stream().filter(s -> s.status() == StepStatus.FAILED).findFirst()
                .orElseThrow(() -> new AssertionError("no step failed: " + report.steps()));
        return failed.error().message();
    }

    private Host host(String name) {
        return lab.instance(Datacenter.class).host(name);
    }

    private List<ClusterResource> physicalDisks() {
        return cluster.resources().stream().filter(r -> r.type().name().equals(PhysicalDiskType.NAME)).toList();
    }

    // ---- SCC and the shared disk ---------------------------------------------------------------------------------

    @Test
    void sccCmsGetsThePhysicalDiskOfItsDataPathAndItsFilesFollowAMoveToThePassiveNode() {
        ok(run(SCC));
        ClusterResource disk = cluster.resource("Disk F: (EXCHCMS)");
        assertThat(disk.groupName()).isEqualTo("EXCHCMS");
        assertThat(disk.privateProperties()).containsEntry(PhysicalDiskType.ARRAY, "SAN")
                .containsEntry(PhysicalDiskType.LUN, "DATA").containsEntry(PhysicalDiskType.DRIVE, "F:");
        assertThat(cluster.resource(ClusteredServerGroups.systemAttendantResource("EXCHCMS")).dependencies())
                .contains("Disk F: (EXCHCMS)");
        assertThat(cluster.resource("First Storage Group/Mailbox Database (EXCHCMS)").dependencies())
                .contains("Disk F: (EXCHCMS)");
        assertThat(cluster.group("EXCHCMS").state()).isEqualTo(GroupState.ONLINE);
        byte[] text = "mail".getBytes(StandardCharsets.US_ASCII);
        host("EXCHMAILBOX1").volume("F").createFile("\\SCC.txt").join();
        host("EXCHMAILBOX1").volume("F").append("\\SCC.txt", text, 0, text.length).join();

        ok(run("Move-ClusteredMailboxServer EXCHCMS -TargetMachine EXCHMAILBOX2 -MoveComment scc\n"));

        assertThat(cluster.group("EXCHCMS").ownerNode()).contains("EXCHMAILBOX2");
        assertThat(cluster.group("EXCHCMS").state()).isEqualTo(GroupState.ONLINE);
        assertThat(host("EXCHMAILBOX1").volumes()).doesNotContainKey(DriveLetter.parse("F"));
        assertThat(host("EXCHMAILBOX2").volume("F").exists("\\SCC.txt")).isTrue();
        assertThat(host("EXCHMAILBOX2").volume("F").size("\\SCC.txt")).isEqualTo(4);
    }

    @Test
    void sccDataPathOnALunTheOtherNodeDoesNotSeeIsRefused() {
        RunReport report = run("""
                Enter-PSSession -ComputerName EXCHMAILBOX1
                Setup.com /NewCMS /cn:EXCHCMS /cip:192.168.10.31 /css /cdp:G:\\SCC
                """);
        assertThat(refusal(report)).contains("The database path must be on a shared cluster disk")
                .contains("LUN 'LOCAL'").contains("not presented to EXCHMAILBOX2");
        assertThat(directory.findServer("EXCHCMS")).isEmpty();
        assertThat(cluster.groups()).noneMatch(g -> g.name().equals("EXCHCMS"));
    }

    @Test
    void sccDataPathOnTheSystemDriveIsRefused() {
        RunReport report = run("""
                Enter-PSSession -ComputerName EXCHMAILBOX1
                Setup.com /NewCMS /cn:EXCHCMS /cip:192.168.10.31 /css
                """);
        assertThat(refusal(report)).contains("The database path must be on a shared cluster disk")
                .contains("is not a SAN disk");
        assertThat(directory.findServer("EXCHCMS")).isEmpty();
    }

    @Test
    void aDiskResourceAnAdministratorMadeIsMovedIntoTheCmsGroupNotDuplicated() {
        cluster.createGroup("Disk Group");
        cluster.createResource("Disk Group", "Disk F:", PhysicalDiskType.NAME);
        cluster.setPrivateProperty("Disk F:", PhysicalDiskType.ARRAY, "SAN");
        cluster.setPrivateProperty("Disk F:", PhysicalDiskType.LUN, "DATA");
        lab.await(cluster.onlineGroup("Disk Group"));

        ok(run(SCC));

        assertThat(physicalDisks()).extracting(ClusterResource::name).containsExactly("Disk F:");
        assertThat(cluster.resource("Disk F:").groupName()).isEqualTo("EXCHCMS");
        assertThat(cluster.resource("Disk F:").privateProperties()).containsEntry(PhysicalDiskType.DRIVE, "F:");
        assertThat(cluster.resource(ClusteredServerGroups.systemAttendantResource("EXCHCMS")).dependencies())
                .contains("Disk F:");
        assertThat(cluster.group("EXCHCMS").state()).isEqualTo(GroupState.ONLINE);
    }

    @Test
    void ccrCmsWithItsDataPathOnASanDiskHasNoDiskResource() {
        ok(run("""
                Enter-PSSession -ComputerName EXCHMAILBOX1
                Setup.com /NewCMS /cn:EXCHCMS /cip:192.168.10.31 /cdp:F:\\CCR
                """));
        assertThat(physicalDisks()).isEmpty();
        assertThat(cluster.group("EXCHCMS").state()).isEqualTo(GroupState.ONLINE);
    }

    // ---- names and addresses -------------------------------------------------------------------------------------

    private String newCms(String name, String ip) {
        return refusal(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nSetup.com /NewCMS /cn:" + name + " /cip:" + ip
                + "\n"));
    }

    @Test
    void theDeclaredClustersAddressIsRefusedAsTheCmsAddress() {
        assertThat(newCms("EXCHCMS", "192.168.10.20")).contains("is the cluster's IP address");
    }

    @Test
    void anotherClustersOrAComputersAddressIsRefused() {
        assertThat(newCms("EXCHCMS", "192.168.10.50")).contains("already in use by cluster 'DRCLUSTER'");
        assertThat(newCms("EXCHCMS", "192.168.10.12"))
                .contains("already in use by network connection 'Public' of computer 'EXCHMAILBOX2'");
    }

    @Test
    void aComputersOrAnotherClustersNameIsRefused() {
        assertThat(newCms("exchmailbox2", "192.168.10.31")).contains("is the name of computer 'EXCHMAILBOX2'");
        assertThat(newCms("DRCLUSTER", "192.168.10.31")).contains("is the name of cluster 'DRCLUSTER'");
        assertThat(directory.servers()).isEmpty();
    }

    @Test
    void anotherCmssAddressIsRefused() {
        ok(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nSetup.com /NewCMS /cn:EXCHCMS /cip:192.168.10.31\n"));
        assertThat(refusal(run("Enter-PSSession -ComputerName EXCHMAILBOX2\nSetup.com /NewCMS /cn:CMS2 "
                + "/cip:192.168.10.31\n"))).contains("already in use by 'EXCHCMS'");
    }

    // ---- host prerequisites --------------------------------------------------------------------------------------

    @Test
    void missingIisComponentsAreNamedByTheirWindows2008Names() {
        String message = refusal(run("Enter-PSSession -ComputerName NOIIS1\nsetup.com /m:install /r:Mailbox\n"));
        assertThat(message).contains("Web-ISAPI-Ext, Web-Lgcy-Mgmt-Console, Web-Basic-Auth, Web-Windows-Auth")
                .doesNotContain("Web-Server,").contains("ServerManagerCmd -i");
    }

    @Test
    void aWorkgroupHostIsRefused() {
        assertThat(refusal(run("Enter-PSSession -ComputerName WG1\nsetup.com /m:install /r:Mailbox\n")))
                .contains("is not a member of a domain");
    }

    @Test
    void windowsStandardEditionCannotHostACms() {
        assertThat(refusal(run("Enter-PSSession -ComputerName STD1\nsetup.com /NewCMS /cn:EXCHCMS "
                + "/cip:192.168.10.31\n"))).contains("requires Windows Server Enterprise or Datacenter Edition")
                .contains("STD1 runs");
    }

    @Test
    void aHostWithoutFailoverClusteringCannotHostACms() {
        assertThat(refusal(run("Enter-PSSession -ComputerName NOIIS1\nsetup.com /NewCMS /cn:EXCHCMS "
                + "/cip:192.168.10.31\n"))).contains("Failover Clustering is not installed on NOIIS1");
    }

    @Test
    void exchangeStandardEditionCannotHostACms() {
        directory.putInstallation(new ExchangeInstallation("EXCHMAILBOX1", SetupCommand.MEDIA_BUILD,
                ExchangeEdition.STANDARD, Set.of(ServerRole.MAILBOX), true, Optional.empty()));
        assertThat(newCms("EXCHCMS", "192.168.10.31")).contains("requires Exchange Server 2007 Enterprise Edition");
    }

    @Test
    void otherRolesOnAClusterNodeWithoutACmsAreRefused() {
        assertThat(refusal(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nsetup.com /m:install /r:HubTransport\n")))
                .contains("cannot be installed on a cluster node");
    }

    // ---- RemoveCMS, RecoverCMS, ClearLocalCMS --------------------------------------------------------------------

    @Test
    void removeCmsIsRefusedWhileMailboxesRemainAndOtherwiseRemovesResourcesAndTheServerObject() {
        ok(run(SCC));
        directory.addMailbox("Alice", "alice", "EXCHCMS\\First Storage Group\\Mailbox Database");
        assertThat(refusal(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nsetup.com /RemoveCMS\n")))
                .contains("This mailbox database contains one or more mailboxes");
        assertThat(cluster.group("EXCHCMS").state()).isEqualTo(GroupState.ONLINE);

    }

    @Test
    void removeCmsTakesTheGroupOffDeletesItsResourcesAndTheServerObject() {
        ok(run(SCC));
        RunReport report = ok(run("Enter-PSSession -ComputerName EXCHMAILBOX2\nsetup.com /RemoveCMS /CMSName:EXCHCMS\n"));
        assertThat(OutputFormatter.render(report.steps().get(1).output()))
                .contains("Clustered Mailbox Server ...... COMPLETED");
        assertThat(cluster.groups()).noneMatch(g -> g.name().equals("EXCHCMS"));
        assertThat(cluster.resources()).noneMatch(r -> r.name().endsWith("(EXCHCMS)"));
        assertThat(directory.findServer("EXCHCMS")).isEmpty();
        assertThat(directory.databases()).isEmpty();
    }

    @Test
    void theFirstCmsOfAClusterMustBeTheLastRemoved() {
        ok(run(SCC));
        ok(run("Enter-PSSession -ComputerName EXCHMAILBOX2\nSetup.com /NewCMS /cn:CMS2 /cip:192.168.10.32\n"));
        assertThat(refusal(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nsetup.com /RemoveCMS /CMSName:EXCHCMS\n")))
                .contains("must be the last removed").contains("CMS2");
        ok(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nsetup.com /RemoveCMS /CMSName:CMS2\n"));
        ok(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nsetup.com /RemoveCMS /CMSName:EXCHCMS\n"));
        assertThat(directory.servers()).isEmpty();
    }

    @Test
    void recoverCmsRecreatesItOnTheNewClusterAndClearLocalCmsCleansTheOldOne() {
        ok(run("""
                Enter-PSSession -ComputerName EXCHMAILBOX1
                Setup.com /NewCMS /cn:EXCHCMS /cip:192.168.10.31
                Exit-PSSession
                Enter-PSSession -ComputerName EXCHMAILBOX2
                setup.com /mode:install /roles:Mailbox
                """));
        // A node in the redundant machines may not clear the CMS.
        assertThat(refusal(run("Enter-PSSession -ComputerName EXCHMAILBOX2\nsetup.com /ClearLocalCMS "
                + "/CMSName:EXCHCMS\n"))).contains("is in the list of redundant machines");
        ok(run("Stop-ClusteredMailboxServer EXCHCMS -StopReason \"site loss\"\n"));

        ok(run("Enter-PSSession -ComputerName DRNODE1\nsetup.com /RecoverCMS /CMSName:EXCHCMS /CMSIPAddress:192.168.10.55\n"));

        FailoverCluster dr = lab.instance(Clusters.class).cluster("DRCLUSTER");
        assertThat(dr.group("EXCHCMS").state()).isEqualTo(GroupState.ONLINE);
        assertThat(dr.group("EXCHCMS").ownerNode()).contains("DRNODE1");
        assertThat(directory.server("EXCHCMS").cluster().orElseThrow().redundantMachines())
                .containsExactly("DRNODE1", "DRNODE2");
        assertThat(directory.server("EXCHCMS").cluster().orElseThrow().clusterName()).isEqualTo("DRCLUSTER");

        // The old cluster still holds the offline group; a partly online group may not be cleared.
        lab.await(cluster.onlineResource(ClusteredServerGroups.ipAddressResource("EXCHCMS")));
        assertThat(refusal(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nsetup.com /ClearLocalCMS "
                + "/CMSName:EXCHCMS\n"))).contains("must be offline before /ClearLocalCMS");
        lab.await(cluster.offlineResource(ClusteredServerGroups.ipAddressResource("EXCHCMS")));

        ok(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nsetup.com /ClearLocalCMS /CMSName:EXCHCMS\n"));
        assertThat(cluster.groups()).noneMatch(g -> g.name().equals("EXCHCMS"));
        assertThat(dr.group("EXCHCMS").state()).isEqualTo(GroupState.ONLINE);
        assertThat(directory.findServer("EXCHCMS")).isPresent();
    }

    @Test
    void clearingAnSccCmsKeepsItsPhysicalDisk() {
        ok(run(SCC));
        ok(run("Stop-ClusteredMailboxServer EXCHCMS -StopReason test\n"));
        lab.instance(ClusteredServerGroups.class).clearLocal(directory.server("EXCHCMS"), cluster);
        assertThat(cluster.group("EXCHCMS").resources()).containsExactly("Disk F: (EXCHCMS)");
    }

    // ---- watermark -----------------------------------------------------------------------------------------------

    @Test
    void aFailedOnlineLeavesTheWatermarkAndTheRerunResumesAndClearsIt() {
        FakeInformationStore store = (FakeInformationStore) lab.instance(InformationStore.class);
        store.refuseStarts(true);
        String newCms = "Enter-PSSession -ComputerName EXCHMAILBOX1\nSetup.com /NewCMS /cn:EXCHCMS /cip:192.168.10.31\n";
        RunReport failed = run(newCms);
        assertThat(failed.steps().get(1).status()).isEqualTo(StepStatus.FAILED);
        assertThat(failed.steps().get(1).error().code()).isEqualTo(SetupErrorCode.STEP_FAILED.id());
        assertThat(failed.steps().get(1).error().message()).contains("left its watermark");
        assertThat(directory.installation("EXCHMAILBOX1").flatMap(ExchangeInstallation::watermark))
                .hasValueSatisfying(mark -> assertThat(mark.action()).isEqualTo("NewCMS"));

        store.refuseStarts(false);
        RunReport rerun = ok(run(newCms));

        assertThat(OutputFormatter.render(rerun.steps().get(1).output()))
                .contains("Setup is resuming the action 'NewCMS'").contains("Clustered Mailbox Server ...... COMPLETED");
        assertThat(directory.installation("EXCHMAILBOX1").flatMap(ExchangeInstallation::watermark)).isEmpty();
        assertThat(cluster.group("EXCHCMS").state()).isEqualTo(GroupState.ONLINE);
        assertThat(directory.servers()).hasSize(1);
    }

    // ---- the CMS cmdlets -----------------------------------------------------------------------------------------

    @Test
    void moveToAMemberOutsideTheRedundantMachinesIsRefused() {
        ok(run("Enter-PSSession -ComputerName EXCHMAILBOX1\nSetup.com /NewCMS /cn:EXCHCMS /cip:192.168.10.31\n"));
        assertThat(refusal(run("Move-ClusteredMailboxServer EXCHCMS -TargetMachine EXCHMAILBOX2 -MoveComment x\n")))
                .contains("is not in the list of redundant machines");
    }

    @Test
    void moveToANodeRunningAnotherCmsIsRefused() {
        ok(run(SCC));
        ok(run("Enter-PSSession -ComputerName EXCHMAILBOX2\nSetup.com /NewCMS /cn:CMS2 /cip:192.168.10.32\n"));
        assertThat(refusal(run("Move-ClusteredMailboxServer EXCHCMS -TargetMachine EXCHMAILBOX2 -MoveComment x\n")))
                .contains("is already running clustered mailbox server 'CMS2'");
        assertThat(cluster.group("EXCHCMS").ownerNode()).contains("EXCHMAILBOX1");
    }

    @Test
    void startIsRefusedWhileOnlineAndWhileAnotherCmsRunsOnItsNode() {
        ok(run(SCC));
        assertThat(refusal(run("Start-ClusteredMailboxServer EXCHCMS\n"))).contains("is already Online");
        ok(run("Enter-PSSession -ComputerName EXCHMAILBOX2\nSetup.com /NewCMS /cn:CMS2 /cip:192.168.10.32\n"));
        ok(run("Stop-ClusteredMailboxServer EXCHCMS -StopReason swap\n"));
        // The stopped group moves offline to the node CMS2 runs on.
        lab.await(cluster.moveGroup("EXCHCMS", "EXCHMAILBOX2"));
        assertThat(refusal(run("Start-ClusteredMailboxServer EXCHCMS\n")))
                .contains("'CMS2' is already running on the node of 'EXCHCMS'");
    }

    @Test
    void aStoppedCmsStaysOfflineAcrossANodeRebootUntilStarted() {
        ok(run(SCC));
        ok(run("Stop-ClusteredMailboxServer EXCHCMS -StopReason maintenance\n"));
        lab.await(host("EXCHMAILBOX1").reboot());
        lab.scheduler().runFor(java.time.Duration.ofMinutes(5));
        assertThat(servers.state(servers.cms("EXCHCMS"))).isEqualTo(ClusteredMailboxServerState.OFFLINE);
        ok(run("Start-ClusteredMailboxServer EXCHCMS\n"));
        assertThat(servers.state(servers.cms("EXCHCMS"))).isEqualTo(ClusteredMailboxServerState.ONLINE);
    }
}
