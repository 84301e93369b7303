package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.server.ExchangeInformationStore;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MountedDatabaseInvariant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code no-corrupt-database-mounted} on a stand-alone server with mail flowing: it holds through dismounts, mounts and
 * a crash, and catches deliberately corrupted states: a header of another log stream, a header that is not attached,
 * and the same database reported mounted on a second host.
 */
class MountedDatabaseInvariantTest {
    private static final String DATABASE = "EX1\\First Storage Group\\Mailbox Database";

    private static Lab lab() {
        String topology = "name: mounted\nseed: 5\nstart: 2009-07-30T08:00:00Z\n"
                + "storage:\n  arrays:\n    - { name: SAN, vendor: sim, site: Production, serial: S1, capacity: 10GB,\n"
                + "        luns: [{ name: EX1DATA, size: 2GB, presentedTo: [EX1] }] }\n"
                + "hosts:\n  - name: EX1\n    site: Production\n    domain: contoso.com\n"
                + "    os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }\n"
                + "    initiators: [iqn:EX1]\n"
                + "    volumes: [{ disk: SAN/EX1DATA, drive: E, label: EX1DATA, format: true }]\n"
                + "    nics:\n      - { name: Public, network: Public, address: 192.168.10.10, prefix: 24 }\n"
                + "exchange:\n  organization: { name: Contoso, domain: contoso.com }\n  servers:\n"
                + "    - { name: EX1, build: 2007 SP1 }\n"
                + "  storageGroups:\n    - { server: EX1, name: First Storage Group, logFolderPath: 'E:\\SG1' }\n"
                + "  databases:\n    - { storageGroup: EX1\\First Storage Group, name: Mailbox Database,"
                + " edbFilePath: 'E:\\SG1\\Mailbox Database.edb' }\n"
                + "  mailboxes:\n    - { database: " + DATABASE + ", count: 10, prefix: a }\n"
                + "  workload: { messagesPerHour: 7200, size: { distribution: lognormal, mean: 60KB, sigma: 1.0 } }\n";
        return Lab.create(LabSpec.of(TopologySource.text("mounted.yaml", topology)), new ClusterModule(),
                new ExchangeModule());
    }

    private static InvariantResult check(Lab lab) {
        return lab.instance(MountedDatabaseInvariant.class).check();
    }

    private static StoreDatabase mounted(Lab lab) {
        return ((ExchangeInformationStore) lab.instance(InformationStore.class)).storeOf(DATABASE).orElseThrow();
    }

    @Test
    void holdsThroughDismountMountAndACrashWithRecovery() {
        Lab lab = lab();
        lab.scheduler().runFor(Duration.ofMinutes(10));
        InformationStore store = lab.instance(InformationStore.class);
        lab.await(store.dismount(DATABASE));
        lab.scheduler().runFor(Duration.ofMinutes(1));
        lab.await(store.mount(DATABASE));
        lab.scheduler().runFor(Duration.ofMinutes(10));
        var host = lab.instance(io.github.exha.cluster.topology.Datacenter.class).host("EX1");
        host.crash();
        lab.scheduler().runFor(Duration.ofMinutes(1));
        host.powerOn();
        lab.scheduler().runFor(Duration.ofMinutes(15));
        assertThat(store.isMounted(DATABASE)).isTrue();
        InvariantResult result = check(lab);
        assertThat(result.held()).as(result.detail()).isTrue();
        assertThat(result.detail()).contains("2 mounts checked as they happened, 1 databases mounted now");
    }

    @Test
    void aMountedDatabaseWhoseHeaderNamesAnotherLogStreamOrSaysCleanShutdownIsCorrupt() {
        Lab lab = lab();
        lab.scheduler().runFor(Duration.ofMinutes(5));
        StoreDatabase database = mounted(lab);
        WindowsPath edb = database.storageGroup().host().resolve(database.path());
        DatabaseHeader header = database.readFile().header();
        DatabaseFile.writeHeader(edb.volume(), edb.path(), new DatabaseHeader(header.state(), header.logRequired(),
                header.version(), header.owner(), new LogSignature(header.logSignature().random() + 1,
                        header.logSignature().created()))).join();
        InvariantResult result = check(lab);
        assertThat(result.held()).isFalse();
        assertThat(result.detail()).contains("is mounted with log signature").contains("but its storage group's stream is");

        DatabaseFile.writeHeader(edb.volume(), edb.path(), header.with(DatabaseState.CLEAN_SHUTDOWN, LogRange.NONE))
                .join();
        assertThat(check(lab).detail()).contains("is mounted but its header says Clean Shutdown");
    }

    @Test
    void theSameDatabaseMountedOnASecondHostIsCaughtAsItHappensEvenIfItIsDismountedLater() {
        Lab lab = lab();
        lab.scheduler().runFor(Duration.ofMinutes(1));
        assertThat(check(lab).held()).isTrue();
        lab.journal().append(JournalEntry.Type.STATE_CHANGE, "EX2", StoreEvents.DATABASE_STATE, Map.of("database",
                DATABASE, "from", "MOUNTING", "to", "MOUNTED", "storageGroup", "First Storage Group"));
        lab.journal().append(JournalEntry.Type.STATE_CHANGE, "EX2", StoreEvents.DATABASE_STATE, Map.of("database",
                DATABASE, "from", "MOUNTED", "to", "DISMOUNTED", "storageGroup", "First Storage Group"));
        InvariantResult result = check(lab);
        assertThat(result.held()).isFalse();
        assertThat(result.detail()).contains(DATABASE + " mounted on EX2 while still mounted on EX1");
    }
}
