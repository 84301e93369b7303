package io.github.exha.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 8, run by {@code -Pslow} only: issue 8's lab (8 CCR clustered mailbox servers on 16 nodes, 50 storage groups
 * of 500 mailboxes each) receives a simulated week of mail within the stated heap bound (the JVM runs with {@code -Xmx}
 * from the profile, and every day's heap after full collections is checked against {@code week.bound} MiB), and loses
 * no acknowledged message. The profile's properties give the lab and the rate; it takes 35 to 70 minutes.
 */
class WeekOfMailSlowTest {
    @Test
    void aWeekOfMailStaysWithinTheHeapBound() {
        String[] args = {
            "--servers", System.getProperty("week.servers", "8"),
            "--groups", System.getProperty("week.groups", "50"),
            "--mailboxes", System.getProperty("week.mailboxes", "500"),
            "--rate", System.getProperty("week.rate", "41.67"),
            "--days", System.getProperty("week.days", "7"),
            "--sample-hours", "24",
            "--bound-mib", System.getProperty("week.bound", "256"),
        };
        assertThat(WeekOfMail.run(args)).as("every sample's heap within %s MiB and no acknowledged message lost", args[13]).isTrue();
    }
}
