package io.github.exha.replication.continuous;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.replication.ReplicationModule;
import java.time.Duration;

/**
 * A lab with mail flowing on the real store: a stand-alone Exchange 2007 server EX1 (logs on E:, database on F:, a
 * spare disk G: for an LCR copy), a CCR CMS CCRCMS on NODE1 / NODE2 (each node's own D:), and a standby machine STBY
 * with its own D: for SCR. The workload writes about one 1 MB log a second to each server.
 */
final class ReplicationLab {
    static final String EX1_SG = "EX1\\First Storage Group";
    static final String CMS_SG = "CCRCMS\\First Storage Group";

    private static final String OS = "{ version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, "
            + "architecture: X64 }";
    private static final String TOPOLOGY = """
            name: replication
            seed: 11
            start: 2008-03-01T08:00:00Z
            storage:
              arrays:
                - name: SAN
                  vendor: sim
                  site: Production
                  serial: SAN-01
                  capacity: 1TB
                  luns:
                    - { name: EXLOG, size: 4GB, presentedTo: [EX1] }
                    - { name: EXDB, size: 4GB, presentedTo: [EX1] }
                    - { name: EXCOPY, size: 4GB, presentedTo: [EX1] }
                    - { name: N1, size: 8GB, presentedTo: [NODE1] }
                    - { name: N2, size: 8GB, presentedTo: [NODE2] }
                    - { name: SB, size: 8GB, presentedTo: [STBY] }
            hosts:
            """ + host("EX1", 5, "    initiators: [iqn:ex1]\n    volumes:\n"
                    + "      - { disk: SAN/EXLOG, drive: E, label: LOGS, format: true }\n"
                    + "      - { disk: SAN/EXDB, drive: F, label: DATA, format: true }\n"
                    + "      - { disk: SAN/EXCOPY, drive: G, label: COPY, format: true }\n")
            + host("NODE1", 11, "    initiators: [iqn:node1]\n    volumes: [{ disk: SAN/N1, drive: D, label: N1, "
                    + "format: true }]\n")
            + host("NODE2", 12, "    initiators: [iqn:node2]\n    volumes: [{ disk: SAN/N2, drive: D, label: N2, "
                    + "format: true }]\n")
            + host("STBY", 40, "    initiators: [iqn:stby]\n    volumes: [{ disk: SAN/SB, drive: D, label: SB, "
                    + "format: true }]\n")
            + """
            clusters:
              - name: CCRCLUS
                ip: 192.168.10.20
                version: WINDOWS_2003
                nodes: [NODE1, NODE2]
                networks:
                  - { name: Public, role: MIXED, allowClients: true }
                  - { name: Private, role: PRIVATE, allowClients: false }
                quorum: { model: MAJORITY_NODE_SET }
            exchange:
              organization: { name: Contoso, domain: contoso.com }
              servers:
                - { name: EX1, build: 2007 SP1, roles: [Mailbox, ClientAccess, HubTransport] }
                - { name: CCRCMS, build: 2007 SP1, cms: { cluster: CCRCLUS, ip: 192.168.10.30, storage: NON_SHARED } }
              installations:
                - { host: NODE1, build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }
                - { host: NODE2, build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }
              storageGroups:
                - { server: EX1, name: First Storage Group, logFolderPath: 'E:\\Logs\\SG1', systemFolderPath: 'E:\\Logs\\SG1' }
                - { server: CCRCMS, name: First Storage Group, logFolderPath: 'D:\\Logs\\SG1', systemFolderPath: 'D:\\Logs\\SG1' }
              databases:
                - { storageGroup: EX1\\First Storage Group, name: Mailbox Database, edbFilePath: 'F:\\DB\\Mailbox Database.edb' }
                - { storageGroup: CCRCMS\\First Storage Group, name: Mailbox Database, edbFilePath: 'D:\\DB\\Mailbox Database.edb' }
              mailboxes:
                - { database: EX1\\First Storage Group\\Mailbox Database, name: Paul Cunningham, alias: paul }
                - { database: CCRCMS\\First Storage Group\\Mailbox Database, name: Bea Lam, alias: bea }
              workload: { messagesPerHour: 72000, size: { distribution: fixed, mean: 100KB } }
            """;

    final Lab lab;
    final ReplicationService service;
    final ExchangeDirectory directory;

    ReplicationLab() {
        this(TOPOLOGY);
    }

    /**
     * The lab with the standby host STBY in its own site, Backup, joined to Production by a WAN link of
     * {@code bandwidth} (a topology byte size such as 1MB, per second) and 30 ms latency.
     */
    static ReplicationLab withStandbySite(String bandwidth) {
        String topology = TOPOLOGY.replace("  - name: STBY\n    site: Production", "  - name: STBY\n    site: Backup")
                + "siteLinks:\n  - { between: [Production, Backup], latency: PT0.030S, bandwidth: " + bandwidth
                + " }\n";
        if (topology.equals(TOPOLOGY)) {
            throw new IllegalStateException("the topology's STBY entry changed");
        }
        return new ReplicationLab(topology);
    }

    private ReplicationLab(String topology) {
        this.lab = Lab.create(LabSpec.of(TopologySource.text("replication.yaml", topology)), new ClusterModule(),
                new ExchangeModule(), new ReplicationModule());
        this.service = lab.instance(ReplicationService.class);
        this.directory = lab.instance(ExchangeDirectory.class);
    }

    private static String host(String name, int last, String extra) {
        return "  - name: " + name + "\n    site: Production\n    domain: contoso.com\n    os: " + OS + "\n"
                + (name.startsWith("NODE") ? "    features: [Failover-Clustering]\n" : "")
                + extra + "    nics:\n"
                + "      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + (name.startsWith("NODE") ? "      - { name: Heartbeat, network: Private, address: 10.0.0." + last
                        + ", prefix: 24 }\n" : "");
    }

    StorageGroup group(String identity) {
        return directory.storageGroup(identity);
    }

    /** The LCR or CCR copy (no -StandbyMachine) of the storage group. */
    StorageGroupCopy copy(String identity) {
        return service.copiesOf(group(identity)).stream().filter(c -> c.kind() != CopyKind.STANDBY).findFirst()
                .orElseThrow();
    }

    CopyStatus status(StorageGroupCopy copy) {
        return service.status(copy);
    }

    void runFor(Duration duration) {
        lab.scheduler().runFor(duration);
    }

    RunReport run(String runbook) {
        return lab.run(RunbookParser.parse("t.ps1", runbook), RunOptions.defaults());
    }

    /** The rendered output of the last step of a runbook whose steps all succeed. */
    String text(String runbook) {
        RunReport report = run(runbook);
        if (report.exitCode() != 0) {
            throw new AssertionError(report.steps());
        }
        return OutputFormatter.render(report.steps().get(report.steps().size() - 1).output());
    }

    /** The last step of a runbook expected to fail there. */
    StepResult failed(String runbook) {
        RunReport report = run(runbook);
        StepResult last = report.steps().get(report.steps().size() - 1);
        if (last.status() != StepStatus.FAILED) {
            throw new AssertionError("expected a failure: " + report.steps());
        }
        return last;
    }
}
