package io.github.exha.exchange.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Get-EventLog reads the journal's event-log entries. */
class GetEventLogTest {
    private final ShellLab shell = ShellLab.create();

    @Test
    void newestApplicationEntriesOfOneSourceAndComputerComeFirst() {
        Journal journal = shell.lab.journal();
        journal.append(JournalEntry.Type.EVENT_LOG, "NODE1", "MSExchangeRepl", Map.of(JournalEntry.EVENT_ID, "2058",
                "message", "Incremental reseed failed.", "entryType", "Error"));
        journal.append(JournalEntry.Type.EVENT_LOG, "NODE2", "MSExchangeRepl", Map.of(JournalEntry.EVENT_ID, "100",
                "message", "Handoff took 12 seconds."));
        journal.append(JournalEntry.Type.EVENT_LOG, "NODE1", "MSExchangeIS", Map.of(JournalEntry.EVENT_ID, "9523",
                "message", "Mounted."));
        String text = shell.text("Get-EventLog Application -Source MSExchangeRepl -ComputerName NODE1 -Newest 5");
        assertThat(text).contains("Index Time", "EntryType Source         InstanceID Message")
                .contains("Error     MSExchangeRepl 2058       Incremental reseed failed.")
                .doesNotContain("Handoff").doesNotContain("Mounted.");
        assertThat(shell.text("Get-EventLog -LogName Application -Newest 1")).contains("Mounted.")
                .doesNotContain("Handoff");
    }

    @Test
    void anUnknownLogIsRefused() {
        assertThat(shell.failed("Get-EventLog Security").error().code()).isEqualTo("exchange.shell.event-log-not-found");
    }
}
