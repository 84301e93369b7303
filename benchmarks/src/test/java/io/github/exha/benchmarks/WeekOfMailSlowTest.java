package io.github.exha.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 8, run by {@code -Pslow} only: a simulated week of mail stays within the stated heap bound (the JVM runs with
 * {@code -Xmx} from the profile, and every sample's heap after full collections is checked against
 * {@code week.bound} MiB). The profile's properties give the lab and the rate.
 */
class WeekOfMailSlowTest {
    @Test
    void aWeekOfMailStaysWithinTheHeapBound() {
        String[] args = {
            "--servers", System.getProperty("week.servers", "1"),
            "--groups", System.getProperty("week.groups", "2"),
            "--mailboxes", System.getProperty("week.mailboxes", "500"),
            "--rate", System.getProperty("week.rate", "41.67"),
            "--days", System.getProperty("week.days", "7"),
            "--bound-mib", System.getProperty("week.bound", "64"),
        };
        assertThat(WeekOfMail.run(args)).as("every sample's heap within %s MiB", args[11]).isTrue();
    }
}
