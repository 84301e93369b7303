package io.github.exha.replication.san;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.server.MailFlow;
import io.github.exha.exchange.server.Outages;
import io.github.exha.replication.ReplicationModule;
import io.github.exha.storage.spi.ReplicationMode;
import java.util.List;
import java.util.OptionalLong;

/**
 * The seed 000 world without mail: SCC Exchange-Main on SAN-MAIN (F: data, G: logs) replicated in consistency group
 * EXCH-CG to SAN-DR, where the standby SCC Exchange-DR has its disks on the read-only replicas. A second constructor
 * adds mail and chooses the group's mode and the link's bandwidth.
 */
final class SanLab {
    static final String TOPOLOGY = """
            name: seed-000-san-dr
            seed: 2000
            start: 2008-06-02T08:00:00Z
            description: SCC Exchange-Main on SAN-MAIN replicated by the arrays to SAN-DR, standby SCC Exchange-DR at DR

            storage:
              arrays:
                - name: SAN-MAIN
                  vendor: sim
                  site: Production
                  serial: MAIN-0001
                  capacity: 1TB
                  luns:
                    - { name: EXCH-DATA, size: 20GB, presentedTo: [MAINNODE1, MAINNODE2] }
                    - { name: EXCH-LOGS, size: 8GB, presentedTo: [MAINNODE1, MAINNODE2] }
                - name: SAN-DR
                  vendor: sim
                  site: Recovery
                  serial: DR-0001
                  capacity: 1TB
                  luns:
                    - { name: EXCH-DATA-R, size: 20GB, presentedTo: [DRNODE1, DRNODE2], access: READ_ONLY }
                    - { name: EXCH-LOGS-R, size: 8GB, presentedTo: [DRNODE1, DRNODE2], access: READ_ONLY }
              links:
                - { name: SAN-LINK, between: [SAN-MAIN, SAN-DR], latency: PT0.002S, bandwidth: 100MB }

            sanReplication:
              groups:
                - name: EXCH-CG
                  source: SAN-MAIN
                  target: SAN-DR
                  link: SAN-LINK
                  mode: SYNC
                  pairs:
                    - { source: EXCH-DATA, target: EXCH-DATA-R }
                    - { source: EXCH-LOGS, target: EXCH-LOGS-R }

            hosts:
              - name: MAINNODE1
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                features: [Failover-Clustering]
                initiators: [iqn.2008-06.com.contoso:mainnode1]
                nics:
                  - { name: Public, network: Public, address: 192.168.10.11, prefix: 24 }
                  - { name: Heartbeat, network: Private, address: 10.0.0.11, prefix: 24 }
                volumes:
                  - { disk: SAN-MAIN/EXCH-DATA, drive: F, label: EXCHDATA, format: true }
                  - { disk: SAN-MAIN/EXCH-LOGS, drive: G, label: EXCHLOGS, format: true }
              - name: MAINNODE2
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                features: [Failover-Clustering]
                initiators: [iqn.2008-06.com.contoso:mainnode2]
                nics:
                  - { name: Public, network: Public, address: 192.168.10.12, prefix: 24 }
                  - { name: Heartbeat, network: Private, address: 10.0.0.12, prefix: 24 }
              - name: DRNODE1
                site: Recovery
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                features: [Failover-Clustering]
                initiators: [iqn.2008-06.com.contoso:drnode1]
                nics:
                  - { name: Public, network: Recovery, address: 192.168.20.11, prefix: 24 }
                  - { name: Heartbeat, network: DRPrivate, address: 10.0.1.11, prefix: 24 }
              - name: DRNODE2
                site: Recovery
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                features: [Failover-Clustering]
                initiators: [iqn.2008-06.com.contoso:drnode2]
                nics:
                  - { name: Public, network: Recovery, address: 192.168.20.12, prefix: 24 }
                  - { name: Heartbeat, network: DRPrivate, address: 10.0.1.12, prefix: 24 }

            clusters:
              - name: MAINCLUSTER
                ip: 192.168.10.20
                version: WINDOWS_2003
                nodes: [MAINNODE1, MAINNODE2]
                networks:
                  - { name: Public, role: MIXED, allowClients: true }
                  - { name: Private, role: PRIVATE, allowClients: false }
                quorum: { model: MAJORITY_NODE_SET }
              - name: DRCLUSTER
                ip: 192.168.20.20
                version: WINDOWS_2003
                nodes: [DRNODE1, DRNODE2]
                networks:
                  - { name: Recovery, role: MIXED, allowClients: true }
                  - { name: DRPrivate, role: PRIVATE, allowClients: false }
                quorum: { model: MAJORITY_NODE_SET }

            exchange:
              organization: { name: Contoso, domain: contoso.com }
              servers:
                - name: Exchange-Main
                  build: 2007 SP1
                  cms: { cluster: MAINCLUSTER, ip: 192.168.10.30, storage: SHARED, node: MAINNODE1, disks: [{ disk: SAN-MAIN/EXCH-DATA, drive: F }, { disk: SAN-MAIN/EXCH-LOGS, drive: G }] }
                - name: Exchange-DR
                  build: 2007 SP1
                  cms: { cluster: DRCLUSTER, ip: 192.168.20.30, storage: SHARED, node: DRNODE1, disks: [{ disk: SAN-DR/EXCH-DATA-R, drive: F }, { disk: SAN-DR/EXCH-LOGS-R, drive: G }] }
              installations:
                - { host: MAINNODE1, build: 2007 SP1 }
                - { host: MAINNODE2, build: 2007 SP1 }
                - { host: DRNODE1, build: 2007 SP1 }
                - { host: DRNODE2, build: 2007 SP1 }
              storageGroups:
                - { server: Exchange-Main, name: First Storage Group, logFolderPath: 'G:\\Logs\\SG1', systemFolderPath: 'G:\\Logs\\SG1' }
                - { server: Exchange-DR, name: First Storage Group, logFolderPath: 'G:\\Logs\\SG1', systemFolderPath: 'G:\\Logs\\SG1' }
              databases:
                - { storageGroup: Exchange-Main\\First Storage Group, name: Mailbox Database, edbFilePath: 'F:\\DB\\Mailbox Database.edb' }
                - { storageGroup: Exchange-DR\\First Storage Group, name: Mailbox Database, edbFilePath: 'F:\\DB\\Mailbox Database.edb' }
              mailboxes:
                - { database: Exchange-Main\\First Storage Group\\Mailbox Database, count: 10, prefix: user }
            """;

    final Lab lab;

    SanLab() {
        this.lab = Lab.create(LabSpec.of(TopologySource.text("seed-000.yaml", TOPOLOGY)), new ClusterModule(),
                new ExchangeModule(), new ReplicationModule());
    }

    /**
     * The same world with mail: every random stream drawn from {@code seed}, the consistency group in {@code mode},
     * the SAN link's bandwidth {@code bandwidth} (a topology size, {@code 100MB} as declared), and a workload of
     * {@code messagesPerHour} 100 KB messages to Exchange-Main's mailboxes.
     */
    SanLab(long seed, ReplicationMode mode, String bandwidth, int messagesPerHour) {
        String topology = TOPOLOGY.replace("mode: SYNC", "mode: " + mode.name())
                .replace("bandwidth: 100MB", "bandwidth: " + bandwidth)
                + "  workload: { messagesPerHour: " + messagesPerHour + ", size: { distribution: fixed, mean: 100KB } }\n";
        this.lab = Lab.create(new LabSpec(TopologySource.text("seed-000.yaml", topology), OptionalLong.of(seed)),
                new ClusterModule(), new ExchangeModule(), new ReplicationModule());
        lab.instance(MailFlow.class);
        lab.instance(Outages.class);
    }

    RunReport run(String runbook) {
        return lab.run(RunbookParser.parse("t.ps1", runbook), RunOptions.defaults());
    }

    /** The steps of a runbook that must all succeed. */
    List<StepResult> ok(String runbook) {
        RunReport report = run(runbook);
        if (report.exitCode() != 0) {
            throw new AssertionError(report.steps() + " " + report.invariants().stream().filter(i -> !i.held()).toList());
        }
        return report.steps();
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
