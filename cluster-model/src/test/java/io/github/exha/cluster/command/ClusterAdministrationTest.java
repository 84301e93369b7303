package io.github.exha.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.QuorumModel;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import org.junit.jupiter.api.Test;

/** The cluster.exe verbs that build a Windows Server 2003 cluster, and net share / cacls refusals, from a runbook. */
class ClusterAdministrationTest {
    private static final String OS_2003 = "{ version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2 }";

    private static String host(String name, String os, int last) {
        return "  - name: " + name + "\n    site: Production\n    domain: contoso.com\n    os: " + os + "\n    nics:\n"
                + "      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + "      - { name: Private, network: Private, address: 10.0.0." + last + ", prefix: 24 }\n";
    }

    private final Lab lab = Lab.create(LabSpec.of(TopologySource.text("t.yaml", "name: t\nseed: 3\n"
            + "start: 2007-05-01T08:00:00Z\nhosts:\n" + host("NODE1", OS_2003, 11) + host("NODE2", OS_2003, 12)
            + host("HUB1", OS_2003.replace("ENTERPRISE", "STANDARD"), 21))), new ClusterModule());

    private RunReport run(String text) {
        return lab.run(RunbookParser.parse("build.ps1", text), RunOptions.defaults());
    }

    @Test
    void aWindows2003MnsClusterGetsItsFileShareWitnessThroughTheMajorityNodeSetResource() {
        RunReport report = run("""
                Enter-PSSession NODE1
                cluster /cluster:CLUS03 /create /nodes:"NODE1 NODE2" /ipaddress:192.168.10.30,255.255.255.0
                cluster CLUS03 network Private /prop Role=1
                Exit-PSSession
                Enter-PSSession HUB1
                mkdir C:\\MNS_FSW\\CLUS03
                net share MNS_FSW=C:\\MNS_FSW\\CLUS03 /GRANT:CLUS03$,FULL
                cacls C:\\MNS_FSW\\CLUS03 /E /G CLUS03$:F
                Exit-PSSession
                Enter-PSSession NODE1
                cluster CLUS03 res "Majority Node Set" /priv MNSFileShare=\\\\HUB1\\MNS_FSW
                cluster CLUS03 group "Cluster Group" /status
                """);
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        ClusterMembership membership = lab.instance(Clusters.class).membership("CLUS03");
        assertThat(membership.quorum().model()).isEqualTo(QuorumModel.MNS_WITH_FILE_SHARE_WITNESS);
        assertThat(membership.totalVotes()).isEqualTo(3);
        assertThat(membership.network("Private").carriesHeartbeats()).isTrue();
        assertThat(membership.network("Private").allowClients()).isFalse();
        assertThat(lab.instance(Clusters.class).cluster("CLUS03").resource("Majority Node Set").privateProperties())
                .containsEntry("MNSFileShare", "\\\\HUB1\\MNS_FSW");
    }

    @Test
    void refusalsNameTheProblemAndTheNativeNumber() {
        RunReport report = run("""
                Enter-PSSession HUB1
                net share FSW=C:\\NoSuchFolder
                """);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.steps().get(1).error().message()).contains("The device or directory does not exist");
        assertThat(report.steps().get(1).error().nativeCode()).startsWith("2116");

        RunReport lastInternal = run("""
                Enter-PSSession NODE1
                cluster /cluster:CLUS03 /create /nodes:"NODE1" /ipaddress:192.168.10.30/255.255.255.0
                cluster CLUS03 network Public /prop Role=2
                cluster CLUS03 network Private /prop Role=2
                """);
        assertThat(lastInternal.steps().get(3).error().nativeCode()).startsWith("5066");
    }
}
