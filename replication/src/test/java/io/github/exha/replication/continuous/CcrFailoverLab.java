package io.github.exha.replication.continuous;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.clustering.ClusteredMailboxServers;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MailFlow;
import io.github.exha.exchange.server.Outages;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.replication.ReplicationModule;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * A CCR lab that survives losing a node: CMS CCRCMS on NODE1 / NODE2 (each node's own D:), Majority Node Set with a
 * file share witness on HUB1, mail flowing at about one 1 MB log a second.
 */
final class CcrFailoverLab {
    static final String SG = "CCRCMS\\First Storage Group";
    static final String DB = "CCRCMS\\First Storage Group\\Mailbox Database";

    private static final String OS = "{ version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, "
            + "architecture: X64 }";
    private static final String TOPOLOGY = """
            name: ccr-failover
            seed: 23
            start: 2008-03-01T08:00:00Z
            storage:
              arrays:
                - name: SAN
                  vendor: sim
                  site: Production
                  serial: SAN-01
                  capacity: 1TB
                  luns:
                    - { name: N1, size: 8GB, presentedTo: [NODE1] }
                    - { name: N2, size: 8GB, presentedTo: [NODE2] }
            hosts:
            """ + node("NODE1", 11) + node("NODE2", 12) + """
              - name: HUB1
                site: Production
                domain: contoso.com
                os: %s
                nics:
                  - { name: Public, network: Public, address: 192.168.10.21, prefix: 24 }
            clusters:
              - name: CCRCLUS
                ip: 192.168.10.20
                version: WINDOWS_2003
                nodes: [NODE1, NODE2]
                networks:
                  - { name: Public, role: MIXED, allowClients: true }
                  - { name: Private, role: PRIVATE, allowClients: false }
                quorum: { model: MNS_WITH_FILE_SHARE_WITNESS, witness: { host: HUB1, share: FSW_CCRCLUS, fullControl: [CCRCLUS$] } }
            exchange:
              organization: { name: Contoso, domain: contoso.com }
              servers:
                - { name: CCRCMS, build: 2007 SP1, cms: { cluster: CCRCLUS, ip: 192.168.10.30, storage: NON_SHARED } }
              installations:
                - { host: NODE1, build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }
                - { host: NODE2, build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }
              storageGroups:
                - { server: CCRCMS, name: First Storage Group, logFolderPath: 'D:\\Logs\\SG1', systemFolderPath: 'D:\\Logs\\SG1' }
              databases:
                - { storageGroup: CCRCMS\\First Storage Group, name: Mailbox Database, edbFilePath: 'D:\\DB\\Mailbox Database.edb' }
              mailboxes:
                - { database: CCRCMS\\First Storage Group\\Mailbox Database, name: Bea Lam, alias: bea }
              workload: { messagesPerHour: 36000, size: { distribution: fixed, mean: 100KB } }
            """.formatted(OS);

    final Lab lab;
    final ReplicationService service;
    final ExchangeDirectory directory;
    final Datacenter datacenter;

    CcrFailoverLab() {
        this(OptionalLong.empty());
    }

    /** The same lab with every random stream drawn from {@code seed} instead of the topology's own seed. */
    CcrFailoverLab(long seed) {
        this(OptionalLong.of(seed));
    }

    private CcrFailoverLab(OptionalLong seed) {
        this.lab = Lab.create(new LabSpec(TopologySource.text("ccr-failover.yaml", TOPOLOGY), seed), new ClusterModule(),
                new ExchangeModule(), new ReplicationModule());
        this.service = lab.instance(ReplicationService.class);
        this.directory = lab.instance(ExchangeDirectory.class);
        this.datacenter = lab.instance(Datacenter.class);
        lab.instance(MailFlow.class);
        lab.instance(Outages.class);
    }

    private static String node(String name, int last) {
        return "  - name: " + name + "\n    site: Production\n    domain: contoso.com\n    os: " + OS + "\n"
                + "    features: [Failover-Clustering]\n    hotfixes: [KB921181]\n"
                + "    initiators: [iqn:" + name.toLowerCase() + "]\n"
                + "    volumes: [{ disk: SAN/N" + name.charAt(4) + ", drive: D, label: " + name + ", format: true }]\n"
                + "    nics:\n"
                + "      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + "      - { name: Heartbeat, network: Private, address: 10.0.0." + last + ", prefix: 24 }\n";
    }

    /** The CCR copy of the storage group (whichever node it targets now). */
    StorageGroupCopy copy() {
        return service.copiesOf(directory.storageGroup(SG)).get(0);
    }

    Host host(String name) {
        return datacenter.host(name);
    }

    String activeNode() {
        return lab.instance(ClusteredMailboxServers.class).activeNode(directory.server("CCRCMS")).orElse("");
    }

    boolean mounted() {
        return lab.instance(InformationStore.class).isMounted(DB);
    }

    LogDirectory logs(String node) {
        return LogDirectory.on(host(node), "D:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
    }

    long lastClosed(String node) {
        List<Long> closed = logs(node).closedGenerations();
        return closed.isEmpty() ? 0 : closed.get(closed.size() - 1);
    }

    /**
     * Lets the copy become healthy, then makes the passive copy miss exactly {@code uncopied} closed logs of NODE1
     * (suspending it and waiting for NODE1 to close them) and crashes NODE1.
     */
    void crashActiveWithUncopiedLogs(int uncopied) {
        runFor(Duration.ofSeconds(90));
        StorageGroupCopy copy = copy();
        if (uncopied == 0) {
            until(() -> copy.lastInspected() == lastClosed("NODE1") && !copy.copying);
        } else {
            service.suspend(copy, "hold back logs");
            until(() -> lastClosed("NODE1") - copy.lastInspected() == uncopied);
        }
        host("NODE1").crash();
    }

    private void until(java.util.function.BooleanSupplier condition) {
        if (!lab.scheduler().runUntil(condition, lab.scheduler().now().plus(Duration.ofMinutes(2)))) {
            throw new AssertionError("the condition did not hold within 2 minutes");
        }
    }

    void runFor(Duration duration) {
        lab.scheduler().runFor(duration);
    }

    RunReport run(String runbook) {
        RunReport report = lab.run(RunbookParser.parse("t.ps1", runbook), RunOptions.defaults());
        if (report.exitCode() != 0) {
            throw new AssertionError(report.steps());
        }
        return report;
    }
}
