package io.github.exha.benchmarks;

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
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.replication.ReplicationModule;
import io.github.exha.replication.continuous.CopyKind;
import io.github.exha.replication.continuous.ReplicationService;
import io.github.exha.replication.continuous.StorageGroupCopy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9, item 3: the transaction-log path of continuous replication, end to end through the replication service's
 * copier, inspector and replayer. Each measured shot catches up a backlog of {@value #BACKLOG_LOGS} closed
 * Exchange 2007 logs on an LCR copy: ship every log (read from the source volume, written to the copy's), inspect it
 * (header and every record's checksum), replay it into the passive database file. Before the shot a fresh lab ran
 * its mail workload until the backlog existed, then dismounted the database so no new log appears while the copy
 * catches up; the copy was enabled and suspended before the first log, so the shot starts at generation 1.
 *
 * <p>The score is the time of one catch-up; {@link BenchmarkMain} turns it into logs per second and into a ratio to
 * {@link ArraycopyBaseline}'s {@code System.arraycopy} of the same bytes: the MB of transaction log (1 MiB per
 * log), and, stricter, the 64 KiB a copier actually moves per log (the simulated log file is sparse: its record area
 * and last byte).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LogPathBenchmark {
    /** How many closed logs each shot ships, inspects and replays (generations 1 to this). */
    static final int BACKLOG_LOGS = 200;
    /** The size of an Exchange 2007 log: the "MB of transaction log" counts these. */
    static final long LOG_BYTES = LogFormat.EXCHANGE_2007.logSize();
    /** Bytes the copier moves per Exchange 2007 log: the record area and the last byte. */
    static final long SHIPPED_BYTES_PER_LOG = LogFormat.EXCHANGE_2007.recordAreaEnd() + 1;

    private static final String SG = "EX1\\First Storage Group";
    // One stand-alone Exchange 2007 server: logs on E:, the database on F:, the LCR copy on G:.
    private static final String TOPOLOGY = """
            name: log-path
            seed: 9
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
            hosts:
              - name: EX1
                site: Production
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }
                initiators: [iqn:ex1]
                volumes:
                  - { disk: SAN/EXLOG, drive: E, label: LOGS, format: true }
                  - { disk: SAN/EXDB, drive: F, label: DATA, format: true }
                  - { disk: SAN/EXCOPY, drive: G, label: COPY, format: true }
                nics:
                  - { name: Public, network: Public, address: 192.168.10.5, prefix: 24 }
            exchange:
              organization: { name: Contoso, domain: contoso.com }
              servers:
                - { name: EX1, build: 2007 SP1, roles: [Mailbox, ClientAccess, HubTransport] }
              storageGroups:
                - { server: EX1, name: First Storage Group, logFolderPath: 'E:\\Logs\\SG1', systemFolderPath: 'E:\\Logs\\SG1' }
              databases:
                - { storageGroup: EX1\\First Storage Group, name: Mailbox Database, edbFilePath: 'F:\\DB\\Mailbox Database.edb' }
              mailboxes:
                - { database: EX1\\First Storage Group\\Mailbox Database, name: Paul Cunningham, alias: paul }
              workload: { messagesPerHour: 72000, size: { distribution: fixed, mean: 100KB } }
            """;

    private Lab lab;
    private ReplicationService service;
    private StorageGroupCopy copy;

    /** A fresh lab with an LCR copy suspended since generation 1 and a backlog of closed logs on the source. */
    @Setup(Level.Iteration)
    public void setUp() {
        lab = Lab.create(LabSpec.of(TopologySource.text("log-path.yaml", TOPOLOGY)), new ClusterModule(),
                new ExchangeModule(), new ReplicationModule());
        service = lab.instance(ReplicationService.class);
        run("""
                Enable-StorageGroupCopy 'EX1\\First Storage Group' -CopyLogFolderPath 'G:\\LCR\\SG1' -CopySystemFolderPath 'G:\\LCR\\SG1'
                Enable-DatabaseCopy 'EX1\\First Storage Group\\Mailbox Database' -CopyEdbFilePath 'G:\\LCR\\DB\\Mailbox Database.edb'
                Suspend-StorageGroupCopy 'EX1\\First Storage Group' -SuspendComment 'benchmark backlog'
                """);
        copy = service.copiesOf(lab.instance(ExchangeDirectory.class).storageGroup(SG)).stream()
                .filter(c -> c.kind() == CopyKind.LOCAL).findFirst().orElseThrow();
        if (copy.lastReplayed() != 0) {
            throw new IllegalStateException("the copy replayed before the backlog was built: " + copy.lastReplayed());
        }
        Host ex1 = lab.instance(Datacenter.class).host("EX1");
        LogDirectory source = LogDirectory.on(ex1, "E:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        while (newestClosed(source) < BACKLOG_LOGS) {
            lab.scheduler().runFor(Duration.ofSeconds(1));
        }
        run("Dismount-Database 'EX1\\First Storage Group\\Mailbox Database' -Confirm:$false");
    }

    private static long newestClosed(LogDirectory logs) {
        List<Long> closed = logs.closedGenerations();
        return closed.isEmpty() ? 0 : closed.get(closed.size() - 1);
    }

    private void run(String runbook) {
        RunReport report = lab.run(RunbookParser.parse("log-path.ps1", runbook), RunOptions.defaults());
        if (report.exitCode() != 0) {
            throw new IllegalStateException("setup runbook failed: " + report.steps());
        }
    }

    /** Resumes the copy and runs the world until the backlog is replayed. Returns the last generation replayed. */
    @Benchmark
    public long catchUp() {
        service.resume(copy);
        Instant deadline = lab.scheduler().now().plus(Duration.ofHours(1));
        if (!lab.scheduler().runUntil(() -> copy.lastReplayed() >= BACKLOG_LOGS, deadline)) {
            throw new IllegalStateException("the copy replayed " + copy.lastReplayed() + " of " + BACKLOG_LOGS
                    + " logs");
        }
        return copy.lastReplayed();
    }
}
