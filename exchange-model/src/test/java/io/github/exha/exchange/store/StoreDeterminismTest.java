package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.exchange.workload.MailGenerator;
import io.github.exha.exchange.workload.SizeDistribution;
import io.github.exha.exchange.workload.WorkloadSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreDeterminismTest {
    /** Mail for a minute, a crash, a reboot and a recovery; returns the journal digest and the log signature. */
    private static List<String> run(long seed) {
        StoreLab lab = StoreLab.create(seed);
        StoreDatabase database = lab.mounted(StoreLab.settings(LogFormat.EXCHANGE_2007));
        String signature = database.storageGroup().logSignature().orElseThrow().display();
        MailGenerator workload = new MailGenerator(lab.kernel, WorkloadSettings.of(List.of("a", "b", "c"), 20,
                SizeDistribution.logNormal(30_000, 1.2, 5_000_000)), message -> database.isMounted()
                        ? Optional.of(database.deliver(message.id(), message.mailbox(), message.sizeBytes(),
                                message.checksum()))
                        : Optional.empty());
        workload.start();
        lab.kernel.scheduler().runFor(Duration.ofMinutes(1));
        lab.crashAndReboot();
        lab.await(database.mount());
        lab.kernel.scheduler().runFor(Duration.ofMinutes(2));
        return List.of(lab.kernel.journal().digest(), signature, Long.toString(workload.ledger().acknowledgedCount()));
    }

    @Test
    void theSameSeedGivesTheSameJournalLogSignatureAndDeliveries() {
        List<String> first = run(11);
        assertThat(run(11)).isEqualTo(first);
        List<String> other = run(12);
        assertThat(other.get(0)).isNotEqualTo(first.get(0));
        assertThat(other.get(1)).isNotEqualTo(first.get(1));
    }
}
