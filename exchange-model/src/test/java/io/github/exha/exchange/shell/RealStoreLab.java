package io.github.exha.exchange.shell;

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
import io.github.exha.exchange.server.InformationStore;

/**
 * A lab on the real log-based store with mail flowing: a stand-alone Exchange 2007 server EXCH1 (logs on E:, database
 * on F:) and a single copy cluster SCCCMS on NODE1/NODE2 whose storage group and database live on the shared disk G:
 * (LUN SAN/SHARED). The workload delivers 3,600 messages an hour to the mailboxes of both servers.
 */
final class RealStoreLab {
    static final String EXCH1_DB = "EXCH1\\First Storage Group\\Mailbox Database";
    static final String CMS_DB = "SCCCMS\\First Storage Group\\Mailbox Database";

    private static final String TOPOLOGY = """
            name: real-store
            seed: 7
            start: 2008-03-01T08:00:00Z
            storage:
              arrays:
                - name: SAN
                  vendor: sim
                  site: Production
                  serial: SAN-01
                  capacity: 1TB
                  luns:
                    - { name: LOG, size: 4GB, presentedTo: [EXCH1] }
                    - { name: DB, size: 4GB, presentedTo: [EXCH1] }
                    - { name: SHARED, size: 8GB, presentedTo: [NODE1, NODE2] }
            hosts:
              - name: EXCH1
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                initiators: [iqn:exch1]
                volumes:
                  - { disk: SAN/LOG, drive: E, label: LOGS, format: true }
                  - { disk: SAN/DB, drive: F, label: DATA, format: true }
                nics:
                  - { name: Public, network: Public, address: 192.168.10.5, prefix: 24 }
              - name: NODE1
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                features: [Failover-Clustering]
                initiators: [iqn:node1]
                volumes:
                  - { disk: SAN/SHARED, drive: G, label: SCCDATA, format: true }
                nics:
                  - { name: Public, network: Public, address: 192.168.10.11, prefix: 24 }
                  - { name: Heartbeat, network: Private, address: 10.0.0.11, prefix: 24 }
              - name: NODE2
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                features: [Failover-Clustering]
                initiators: [iqn:node2]
                nics:
                  - { name: Public, network: Public, address: 192.168.10.12, prefix: 24 }
                  - { name: Heartbeat, network: Private, address: 10.0.0.12, prefix: 24 }
            clusters:
              - name: SCCCLUS
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
                - { name: EXCH1, build: 2007 SP1, roles: [Mailbox, ClientAccess, HubTransport] }
                - name: SCCCMS
                  build: 2007 SP1
                  cms: { cluster: SCCCLUS, ip: 192.168.10.30, storage: SHARED, node: NODE1, disks: [{ disk: SAN/SHARED, drive: G }] }
              installations:
                - { host: NODE1, build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }
                - { host: NODE2, build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }
              storageGroups:
                - { server: EXCH1, name: First Storage Group, logFolderPath: 'E:\\Logs\\SG1', systemFolderPath: 'E:\\Logs\\SG1' }
                - { server: SCCCMS, name: First Storage Group, logFolderPath: 'G:\\Logs\\SG1', systemFolderPath: 'G:\\Logs\\SG1' }
              databases:
                - { storageGroup: EXCH1\\First Storage Group, name: Mailbox Database, edbFilePath: 'F:\\DB\\Mailbox Database.edb' }
                - { storageGroup: SCCCMS\\First Storage Group, name: Mailbox Database, edbFilePath: 'G:\\DB\\Mailbox Database.edb' }
              mailboxes:
                - { database: EXCH1\\First Storage Group\\Mailbox Database, name: Paul Cunningham, alias: paul }
                - { database: EXCH1\\First Storage Group\\Mailbox Database, name: Alan Smith, alias: alan }
                - { database: SCCCMS\\First Storage Group\\Mailbox Database, name: Bea Lam, alias: bea }
              workload: { messagesPerHour: 3600, size: { distribution: fixed, mean: 50KB } }
            """;

    final Lab lab;
    final InformationStore store;
    final ExchangeDirectory directory;

    RealStoreLab() {
        this.lab = Lab.create(LabSpec.of(TopologySource.text("real-store.yaml", TOPOLOGY)), new ClusterModule(),
                new ExchangeModule());
        this.store = lab.instance(InformationStore.class);
        this.directory = lab.instance(ExchangeDirectory.class);
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
