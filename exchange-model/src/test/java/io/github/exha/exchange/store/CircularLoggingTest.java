package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircularLoggingTest {
    @Test
    void circularLoggingDeletesTheLogsTheCheckpointHasPassed() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007).withCircularLogging(true));
        lab.deliver(database, 1, 200, 100_000);
        lab.kernel.scheduler().runUntilIdle();

        StorageGroupStore store = database.storageGroup();
        assertThat(store.currentGeneration()).isEqualTo(20);
        assertThat(store.logDirectory().closedGenerations()).isEmpty();
        assertThat(lab.logFiles()).containsExactlyInAnyOrder("E00.log", "E00tmp.log", "E00res00001.jrs",
                "E00res00002.jrs", "E00.chk");
        assertThat(lab.journal(StoreEvents.LOGS_DELETED)).isNotEmpty();
        assertThat(database.messageIds()).hasSize(200);
    }

    @Test
    void withADeeperLostLogResilienceTheLogsTheDatabaseStillNeedsRemain() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007).withCircularLogging(true)
                .withLostLogResilienceDepth(3));
        lab.deliver(database, 1, 200, 100_000);
        lab.kernel.scheduler().runUntilIdle();
        assertThat(database.storageGroup().logDirectory().closedGenerations()).containsExactly(18L, 19L);

        lab.crashAndReboot();
        lab.await(database.mount());
        assertThat(database.messageIds()).hasSize(200);
    }

    @Test
    void withoutCircularLoggingEveryLogStays() {
        StoreLab lab = StoreLab.create(1);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        lab.deliver(database, 1, 200, 100_000);
        lab.kernel.scheduler().runUntilIdle();
        assertThat(database.storageGroup().logDirectory().closedGenerations()).hasSize(19);
        assertThat(database.storageGroup().checkpointGeneration()).isEqualTo(20);
    }
}
