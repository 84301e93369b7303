package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogNamingTest {
    @Test
    void aFirstMountCreatesTheCurrentLogThePreCreatedNextLogTheReserveLogsAndTheCheckpoint() {
        StoreLab lab = StoreLab.create(1);
        lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        assertThat(lab.logFiles()).containsExactlyInAnyOrder("E00.log", "E00tmp.log", "E00res00001.jrs",
                "E00res00002.jrs", "E00.chk");
    }
}
