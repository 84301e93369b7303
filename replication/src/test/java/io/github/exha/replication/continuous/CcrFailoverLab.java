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
 * file share witness on HUB1, mail flowing at about one 1 MB log a second. {@link #twoSites} stretches it over two
 * sites and adds a standby machine for SCR.
 */
final class CcrFailoverLab {
    static final String SG = "CCRCMS\\First Storage Group";
    static final String DB = "CCRCMS\\First Storage Group\\Mailbox Database";

    private static final String OS = "{ version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, "
            + "architecture: X64 }";

    // A fifth of the one-site rate (a 1 MB log every 5 seconds) keeps the two-site chaos cases cheap.
    private static final int TWO_SITE_RATE = 7200;

    private static String topology(boolean twoSites) {
        // Two sites: NODE2 and the standby STBY in Recovery, NODE1 and the witness HUB1 in Production; the cluster's
        // networks are stretched across the WAN (one subnet each), as a Windows 2003 geographically dispersed CCR needs.
        String second = twoSites ? "Recovery" : "Production";
        return """
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
            """ + (twoSites ? "        - { name: SB, size: 8GB, presentedTo: [STBY] }\n" : "") + """
            hosts:
            """ + node("NODE1", 11, "Production") + node("NODE2", 12, second) + (twoSites ? standby() : "") + """
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
            """.formatted(OS).replace("messagesPerHour: 36000", "messagesPerHour: " + (twoSites ? TWO_SITE_RATE : 36000));
    }

    // A stand-alone machine for an SCR copy (no Exchange server of its own), on the Public network only.
    private static String standby() {
        return "  - name: STBY\n    site: Recovery\n    domain: contoso.com\n    os: " + OS + "\n"
                + "    initiators: [iqn:stby]\n"
                + "    volumes: [{ disk: SAN/SB, drive: D, label: STBY, format: true }]\n"
                + "    nics:\n      - { name: Public, network: Public, address: 192.168.10.40, prefix: 24 }\n";
    }

    final Lab lab;
    final ReplicationService service;
    final ExchangeDirectory directory;
    final Datacenter datacenter;

    CcrFailoverLab() {
        this(OptionalLong.empty(), false);
    }

    /** The same lab with every random stream drawn from {@code seed} instead of the topology's own seed. */
    CcrFailoverLab(long seed) {
        this(OptionalLong.of(seed), false);
    }

    /**
     * The lab stretched over two sites, its streams drawn from {@code seed}: NODE1 and the file share witness HUB1 in
     * site Production, NODE2 in site Recovery with STBY, a stand-alone machine with its own D: for an SCR copy; mail
     * at a fifth of the one-site rate.
     */
    static CcrFailoverLab twoSites(long seed) {
        return new CcrFailoverLab(OptionalLong.of(seed), true);
    }

    private CcrFailoverLab(OptionalLong seed, boolean twoSites) {
        this.lab = Lab.create(new LabSpec(TopologySource.text("ccr-failover.yaml", topology(twoSites)), seed),
                new ClusterModule(), new ExchangeModule(), new ReplicationModule());
        this.service = lab.instance(ReplicationService.class);
        this.directory = lab.instance(ExchangeDirectory.class);
        this.datacenter = lab.instance(Datacenter.class);
        lab.instance(MailFlow.class);
        lab.instance(Outages.class);
    }

    private static String node(String name, int last, String site) {
        return "  - name: " + name + "\n    site: " + site + "\n    domain: contoso.com\n    os: " + OS + "\n"
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
