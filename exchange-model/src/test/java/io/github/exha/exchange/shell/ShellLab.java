package io.github.exha.exchange.shell;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.server.InformationStore;

/**
 * A lab for the shell tests: a stand-alone Exchange 2007 server EXCH1 with logs on E: and its database on F:, an
 * Exchange 2003 server LEGACY, and a CCR clustered mailbox server CCRCMS on NODE1/NODE2, with the fake store.
 */
final class ShellLab {
    private static final String OS_2003 = "{ version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, "
            + "architecture: X64 }";

    static final String TOPOLOGY = """
            name: shell
            seed: 5
            start: 2008-03-01T08:00:00Z
            storage:
              arrays:
                - name: SAN
                  vendor: sim
                  site: Production
                  serial: SAN-01
                  capacity: 1TB
                  luns:
                    - { name: LOG, size: 2GB, presentedTo: [EXCH1] }
                    - { name: DB, size: 4GB, presentedTo: [EXCH1] }
            hosts:
            """ + host("EXCH1", 5, "    initiators: [iqn.2008-03.com.contoso:exch1]\n    volumes:\n"
            + "      - { disk: SAN/LOG, drive: E, label: LOGS, format: true }\n"
            + "      - { disk: SAN/DB, drive: F, label: DATA, format: true }\n")
            + host("LEGACY", 6, "") + host("NODE1", 11, "    features: [Failover-Clustering]\n    hotfixes: [KB921181]\n")
            + host("NODE2", 12, "    features: [Failover-Clustering]\n    hotfixes: [KB921181]\n")
            + host("HUB1", 21, "") + """
            clusters:
              - name: CCRCLUS
                ip: 192.168.10.20
                version: WINDOWS_2003
                nodes: [NODE1, NODE2]
                networks:
                  - { name: Public, role: PUBLIC, allowClients: true }
                  - { name: Private, role: PRIVATE, allowClients: false }
                quorum: { model: MNS_WITH_FILE_SHARE_WITNESS, witness: { host: HUB1, share: FSW_CCRCLUS, fullControl: [CCRCLUS$] } }
            exchange:
              organization: { name: Contoso, domain: contoso.com }
              servers:
                - { name: EXCH1, build: 2007 SP1, roles: [Mailbox, ClientAccess, HubTransport] }
                - { name: LEGACY, build: 2003 SP2 }
                - name: CCRCMS
                  build: 2007 SP1
                  cms: { cluster: CCRCLUS, ip: 192.168.10.30, storage: NON_SHARED }
              installations:
                - { host: NODE1, build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }
                - { host: NODE2, build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }
              storageGroups:
                - { server: EXCH1, name: First Storage Group, logFolderPath: 'E:\\Logs\\SG1', systemFolderPath: 'E:\\Logs\\SG1' }
                - { server: EXCH1, name: Second Storage Group, logFolderPath: 'E:\\Logs\\SG2', systemFolderPath: 'E:\\Logs\\SG2' }
                - { server: LEGACY, name: First Storage Group, logFolderPath: 'C:\\Exchsrvr\\mdbdata', systemFolderPath: 'C:\\Exchsrvr\\mdbdata' }
                - { server: CCRCMS, name: First Storage Group, logFolderPath: 'C:\\Logs\\SG1', systemFolderPath: 'C:\\Logs\\SG1' }
              databases:
                - { storageGroup: EXCH1\\First Storage Group, name: Mailbox Database, edbFilePath: 'F:\\DB\\Mailbox Database.edb' }
                - { storageGroup: EXCH1\\Second Storage Group, name: Second Database, edbFilePath: 'F:\\DB2\\Second Database.edb' }
                - { storageGroup: LEGACY\\First Storage Group, name: Mailbox Store, edbFilePath: 'C:\\Exchsrvr\\mdbdata\\priv1.edb' }
                - { storageGroup: CCRCMS\\First Storage Group, name: Mailbox Database, edbFilePath: 'C:\\DB\\Mailbox Database.edb' }
              mailboxes:
                - { database: EXCH1\\First Storage Group\\Mailbox Database, name: Paul Cunningham, alias: paul }
                - { database: EXCH1\\First Storage Group\\Mailbox Database, name: Alan Smith, alias: alan }
            """;

    final Lab lab;
    final FakeInformationStore store;
    final ExchangeDirectory directory;

    private ShellLab(Lab lab) {
        this.lab = lab;
        this.store = (FakeInformationStore) lab.instance(InformationStore.class);
        this.directory = lab.instance(ExchangeDirectory.class);
        // The lab brought the topology's CMS group online, which mounted its database; tests count their own calls.
        store.calls.clear();
    }

    /** The lab with EXCH1's store running and CCRCMS's running on NODE1, nothing mounted. */
    static ShellLab create() {
        ShellLab shell = new ShellLab(Lab.create(LabSpec.of(TopologySource.text("shell.yaml", TOPOLOGY)),
                new ClusterModule(), new ExchangeModule(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        OptionalBinder.newOptionalBinder(binder(), InformationStore.class).setBinding()
                                .to(FakeInformationStore.class);
                    }

                    @Provides
                    @Singleton
                    FakeInformationStore store(Kernel kernel, ExchangeDirectory directory) {
                        return new FakeInformationStore(kernel, directory);
                    }
                }));
        shell.lab.await(shell.store.start("EXCH1", "EXCH1", false));
        shell.lab.await(shell.store.start("CCRCMS", "NODE1", false));
        return shell;
    }

    private static String host(String name, int last, String extra) {
        return "  - name: " + name + "\n    site: Production\n    domain: contoso.com\n    os: " + OS_2003 + "\n"
                + extra + "    nics:\n"
                + "      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + (name.startsWith("NODE") ? "      - { name: Heartbeat, network: Private, address: 10.0.0." + last
                        + ", prefix: 24 }\n" : "");
    }

    RunReport run(String runbook) {
        return lab.run(RunbookParser.parse("t.ps1", runbook), RunOptions.defaults());
    }

    /** The rendered output of the only (or last) step, which must have succeeded. */
    String text(String runbook) {
        RunReport report = run(runbook);
        StepResult last = report.steps().get(report.steps().size() - 1);
        if (report.exitCode() != 0) {
            throw new AssertionError(report.steps());
        }
        return OutputFormatter.render(last.output());
    }

    /** The last step of a runbook expected to fail. */
    StepResult failed(String runbook) {
        RunReport report = run(runbook);
        StepResult last = report.steps().get(report.steps().size() - 1);
        if (last.status() != io.github.exha.core.run.StepStatus.FAILED) {
            throw new AssertionError("expected a failure: " + report.steps());
        }
        return last;
    }
}
