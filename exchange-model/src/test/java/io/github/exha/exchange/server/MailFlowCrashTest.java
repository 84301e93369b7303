package io.github.exha.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.workload.DeliveryLedger;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The whole lab with the real store: mail flows from the topology's workload into the databases; a stand-alone
 * server's host crashes and boots again, or the node owning a single copy cluster's CMS crashes and the cluster
 * fails the group over; either way the store comes back through recovery and every acknowledged message is in its
 * database. Crash instants are drawn from a printed master seed ({@code -Dexha.mailflow.seed} replays).
 */
class MailFlowCrashTest {
    private static final int CASES = 12;

    private static String host(String name, int last, String extra) {
        return "  - name: " + name + "\n    site: Production\n    domain: contoso.com\n"
                + "    os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }\n"
                + "    features: [Failover-Clustering, Web-Server, Web-ISAPI-Ext, Web-Metabase]\n"
                + "    initiators: [iqn:" + name + "]\n" + extra
                + "    nics:\n      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + "      - { name: Heartbeat, network: Private, address: 10.0.0." + last + ", prefix: 24 }\n";
    }

    private static String topology(long seed) {
        return "name: mailflow\nseed: " + seed + "\nstart: 2009-07-30T08:00:00Z\n"
                + "storage:\n  arrays:\n    - { name: SAN, vendor: sim, site: Production, serial: S1, capacity: 100GB,\n"
                + "        luns: [{ name: EX1DATA, size: 2GB, presentedTo: [EX1] },"
                + " { name: CMSDATA, size: 2GB, presentedTo: [NODE1, NODE2] }] }\n"
                + "hosts:\n"
                + host("EX1", 10, "    volumes: [{ disk: SAN/EX1DATA, drive: E, label: EX1DATA, format: true }]\n")
                + host("NODE1", 11, "    volumes: [{ disk: SAN/CMSDATA, drive: F, label: CMSDATA, format: true }]\n")
                + host("NODE2", 12, "") + host("HUB1", 21, "")
                + "clusters:\n  - name: CLUS\n    ip: 192.168.10.20\n    version: WINDOWS_2003\n    nodes: [NODE1, NODE2]\n"
                + "    networks: [{ name: Public, role: MIXED, allowClients: true },"
                + " { name: Private, role: PRIVATE, allowClients: false }]\n"
                + "    quorum: { model: MNS_WITH_FILE_SHARE_WITNESS, witness: { host: HUB1, share: FSW_CLUS,"
                + " fullControl: ['CLUS$'] } }\n"
                + "exchange:\n  organization: { name: Contoso, domain: contoso.com }\n  servers:\n"
                + "    - { name: EX1, build: 2007 SP1 }\n"
                + "    - { name: CMS1, build: 2007 SP1, cms: { cluster: CLUS, ip: 192.168.10.30, storage: SHARED,"
                + " node: NODE1, disks: [{ disk: SAN/CMSDATA, drive: F }] } }\n"
                + "  installations:\n    - { host: NODE1, build: 2007 SP1 }\n    - { host: NODE2, build: 2007 SP1 }\n"
                + "  storageGroups:\n    - { server: EX1, name: First Storage Group, logFolderPath: 'E:\\SG1' }\n"
                + "    - { server: CMS1, name: First Storage Group, logFolderPath: 'F:\\SG1' }\n"
                + "  databases:\n    - { storageGroup: EX1\\First Storage Group, name: Mailbox Database,"
                + " edbFilePath: 'E:\\SG1\\Mailbox Database.edb' }\n"
                + "    - { storageGroup: CMS1\\First Storage Group, name: Mailbox Database,"
                + " edbFilePath: 'F:\\SG1\\Mailbox Database.edb' }\n"
                + "  mailboxes:\n    - { database: EX1\\First Storage Group\\Mailbox Database, count: 10, prefix: a }\n"
                + "    - { database: CMS1\\First Storage Group\\Mailbox Database, count: 10, prefix: b }\n"
                + "  workload: { messagesPerHour: 7200, size: { distribution: lognormal, mean: 60KB, sigma: 1.0 } }\n";
    }

    private static Lab lab(long seed) {
        return Lab.create(LabSpec.of(TopologySource.text("mailflow.yaml", topology(seed))), new ClusterModule(),
                new ExchangeModule());
    }

    @Test
    void crashesOfTheStandAloneHostAndOfTheCmsOwnerLoseNoAcknowledgedMessage() {
        long master = Long.getLong("exha.mailflow.seed", System.identityHashCode(this) * 7919L);
        System.out.println("MailFlowCrashTest master seed " + master + " (replay with -Dexha.mailflow.seed=" + master
                + ")");
        SplittableRandom random = new SplittableRandom(master);
        for (int i = 0; i < CASES; i++) {
            long seed = random.nextLong();
            Lab lab = lab(seed);
            Kernel kernel = lab.instance(Kernel.class);
            Datacenter datacenter = lab.instance(Datacenter.class);
            boolean cms = i % 2 == 1;
            Host victim = datacenter.host(cms ? "NODE1" : "EX1");
            kernel.scheduler().runFor(Duration.ofMillis(60_000 + random.nextLong(600_000)));
            victim.crash();
            if (!cms) {
                lab.await(victim.powerOn());
            }
            kernel.scheduler().runFor(Duration.ofMinutes(15));

            MailFlow flow = lab.instance(MailFlow.class);
            InvariantResult result = flow.check();
            DeliveryLedger ledger = flow.ledger().orElseThrow();
            assertThat(result.held()).as("case %d seed %d: %s", i, seed, result.detail()).isTrue();
            assertThat(lab.instance(AcknowledgedMailInvariant.class).check().held()).as("seed %d", seed).isTrue();
            assertThat(ledger.acknowledgedCount()).as("seed %d", seed).isPositive();
            InformationStore store = lab.instance(InformationStore.class);
            assertThat(store.isMounted("EX1\\First Storage Group\\Mailbox Database")).as("seed %d", seed).isTrue();
            assertThat(store.isMounted("CMS1\\First Storage Group\\Mailbox Database")).as("seed %d", seed).isTrue();
            if (cms) {
                FailoverCluster cluster = lab.instance(Clusters.class).cluster("CLUS");
                assertThat(cluster.group("CMS1").ownerNode()).as("seed %d", seed).contains("NODE2");
            }
            // The report: one unplanned outage of the crashed server's database, nothing lost, a positive RTO.
            List<Outages.Outage> outages = lab.instance(Outages.class).ended();
            assertThat(outages).as("seed %d", seed).singleElement().satisfies(outage -> {
                assertThat(outage.database()).startsWith(cms ? "CMS1" : "EX1");
                assertThat(outage.isFailover()).isEqualTo(cms);
                assertThat(outage.planned()).isFalse();
                assertThat(outage.lost()).isZero();
                assertThat(outage.recoveryPoint()).isZero();
                assertThat(outage.recoveryTime()).isPositive();
            });
        }
    }
}
