package io.github.exha.exchange.store;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.GroupSpec;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.storage.spi.StorageArray;
import java.util.List;
import java.util.UUID;

/**
 * A one-server lab for store tests: MBX1 with a log volume L: and a database volume F: on SAN LUNs of the given
 * sizes, and shortcuts to build a storage group on it.
 */
final class StoreLab {
    /** The binaries' stamp before an upgrade. */
    static final EseVersion OLD_BINARIES = new EseVersion(0x620, 11);
    /** The binaries' stamp after an upgrade. */
    static final EseVersion NEW_BINARIES = new EseVersion(0x620, 12);
    static final String LOGS = "L:\\Logs\\SG1";
    static final String EDB = "F:\\DB\\Mailbox Database.edb";

    final Lab lab;
    final Host host;
    final Kernel kernel;

    private StoreLab(Lab lab) {
        this.lab = lab;
        this.kernel = lab.kernel();
        this.host = lab.instance(Datacenter.class).host("MBX1");
    }

    static StoreLab create(long seed) {
        return create(seed, "256MB", "256MB");
    }

    static StoreLab create(long seed, String logLun, String dbLun) {
        return new StoreLab(Lab.create(LabSpec.of(TopologySource.text("store.yaml", yaml(seed, logLun, dbLun, ""))),
                new ClusterModule()));
    }

    /**
     * A lab whose log LUN replicates synchronously to a second array over a link of {@code latency}: every log write
     * is acknowledged only after a round trip, so acknowledgements lag the writes.
     */
    static StoreLab replicated(long seed, String logLun, String dbLun, java.time.Duration latency) {
        String dr = "    - name: SAN-DR\n      vendor: sim\n      site: Production\n      capacity: 1TB\n"
                + "      luns:\n        - { name: EXCH-LOG-DR, size: " + logLun + ", presentedTo: [], access: READ_ONLY }\n"
                + "  links:\n    - { name: SAN-LINK, between: [SAN-MAIN, SAN-DR], latency: " + latency
                + ", bandwidth: 1GB }\n";
        StoreLab lab = new StoreLab(Lab.create(LabSpec.of(TopologySource.text("store.yaml",
                yaml(seed, logLun, dbLun, dr))), new ClusterModule()));
        StorageArray main = lab.lab.instance(Datacenter.class).array("SAN-MAIN");
        ConsistencyGroup group = main.createConsistencyGroup(new GroupSpec("LOGS", ReplicationMode.SYNC, "SAN-DR",
                "SAN-LINK"));
        group.addPair("EXCH-LOG", "EXCH-LOG-DR");
        group.enable();
        lab.kernel.scheduler().runUntil(() -> group.status().state() == ReplicationState.IN_SYNC);
        return lab;
    }

    private static String yaml(long seed, String logLun, String dbLun, String moreStorage) {
        return "name: store\nseed: " + seed + "\nstart: 2008-03-01T08:00:00Z\n"
                + "storage:\n  arrays:\n    - name: SAN-MAIN\n      vendor: sim\n      site: Production\n"
                + "      capacity: 1TB\n      luns:\n"
                + "        - { name: EXCH-LOG, size: " + logLun + ", presentedTo: [MBX1], access: READ_WRITE }\n"
                + "        - { name: EXCH-DB, size: " + dbLun + ", presentedTo: [MBX1], access: READ_WRITE }\n"
                + moreStorage
                + "hosts:\n  - name: MBX1\n    site: Production\n    domain: contoso.com\n"
                + "    os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }\n"
                + "    initiators: [iqn.2008-03.com.contoso:mbx1]\n"
                + "    nics:\n      - { name: Public, network: Public, address: 192.168.10.11, prefix: 24 }\n"
                + "    volumes:\n"
                + "      - { disk: SAN-MAIN/EXCH-LOG, drive: L, label: LOGS, format: true }\n"
                + "      - { disk: SAN-MAIN/EXCH-DB, drive: F, label: DB, format: true }\n";
    }

    static StorageGroupSettings settings(LogFormat format) {
        return StorageGroupSettings.of("MBX1\\First Storage Group", format, LOGS, OLD_BINARIES);
    }

    static DatabaseIdentity identity(String name, long number) {
        return new DatabaseIdentity("MBX1\\First Storage Group\\" + name, new UUID(0x5EED, number));
    }

    StorageGroupStore store(StorageGroupSettings settings) {
        return new StorageGroupStore(kernel, host, settings);
    }

    /** A 2007 storage group with one database, mounted. */
    StoreDatabase mounted(StorageGroupSettings settings) {
        StoreDatabase database = store(settings).addDatabase(identity("Mailbox Database", 1), EDB);
        await(database.mount());
        return database;
    }

    <T> T await(Operation<T> operation) {
        return lab.await(operation);
    }

    /** Waits for a volume write: runs the scheduler until the device acknowledged it. */
    void await(java.util.concurrent.CompletableFuture<?> write) {
        kernel.scheduler().runUntil(write::isDone);
        write.join();
    }

    Volume logVolume() {
        return host.volume("L");
    }

    Volume dbVolume() {
        return host.volume("F");
    }

    /** Delivers {@code count} messages of {@code size} bytes, ids from {@code firstId}, and waits for them all. */
    void deliver(StoreDatabase database, long firstId, int count, long size) {
        List<Operation<Void>> acks = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            acks.add(database.deliver(firstId + i, "user" + (i % 7), size, (int) (firstId + i) * 31));
        }
        acks.forEach(this::await);
    }

    /** Crashes the host and boots it again (3 minutes of virtual time). */
    void crashAndReboot() {
        host.crash();
        await(host.powerOn());
    }

    List<JournalEntry> journal(String name) {
        return kernel.journal().entries().stream().filter(e -> e.name().equals(name)).toList();
    }

    List<JournalEntry> events(int eventId) {
        return kernel.journal().entries().stream()
                .filter(e -> e.type() == JournalEntry.Type.EVENT_LOG)
                .filter(e -> Integer.toString(eventId).equals(e.attribute(JournalEntry.EVENT_ID)))
                .toList();
    }

    List<String> logFiles() {
        return logVolume().list("\\Logs\\SG1").stream().map(e -> e.name()).toList();
    }
}
