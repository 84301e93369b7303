package io.github.exha.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which outages may lose acknowledged mail: an unplanned failover to another copy, and an administrator's recovery of
 * the CMS on another cluster ({@code /RecoverCMS}), planned or not; never a restart or a planned move within a cluster.
 */
class OutageLossPermittedTest {
    private static Outages.Outage outage(String to, boolean planned, boolean recovered) {
        Instant start = Instant.parse("2008-09-01T09:00:00Z");
        return new Outages.Outage("CCREX01\\First Storage Group\\Mailbox Database", "NH-W2K3-SRV01", to, planned,
                start, start.plusSeconds(30), 10, 3, 0, Duration.ZERO, Duration.ofSeconds(30),
                new TreeSet<>(java.util.List.of(1L, 2L, 3L)), recovered);
    }

    @Test
    void anUnplannedFailoverMayLoseMail() {
        assertThat(outage("NH-W2K3-SRV05", false, false).lossPermitted()).isTrue();
    }

    @Test
    void aPlannedMoveWithinTheClusterMayNot() {
        assertThat(outage("NH-W2K3-SRV05", true, false).lossPermitted()).isFalse();
    }

    @Test
    void aPlannedRecoveryOnAnotherClusterMountsWhatTheAdministratorLeftThere() {
        assertThat(outage("NH-W2K3-SRV03", true, true).lossPermitted()).isTrue();
    }

    @Test
    void aRestartNeverMay() {
        assertThat(outage("NH-W2K3-SRV01", false, false).lossPermitted()).isFalse();
        assertThat(outage("NH-W2K3-SRV01", true, true).lossPermitted()).isFalse();
    }
}
