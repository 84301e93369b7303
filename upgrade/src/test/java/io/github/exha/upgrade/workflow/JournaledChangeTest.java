package io.github.exha.upgrade.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.kernel.JournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournaledChangeTest {
    private long sequence;

    private JournalEntry entry(JournalEntry.Type type, String source, String name, Map<String, String> attributes) {
        return new JournalEntry(++sequence, Instant.EPOCH, type, source, name, attributes);
    }

    @Test
    void oneObjectChangingSeveralTimesIsOneChangeFromItsFirstToItsLastState() {
        List<JournaledChange> changes = JournaledChange.summarise(List.of(
                entry(JournalEntry.Type.STATE_CHANGE, "CLU", "resource.state",
                        Map.of("resource", "IP", "from", "Offline", "to", "OnlinePending")),
                entry(JournalEntry.Type.COMMAND, "runbook", "step.start", Map.of("line", "3")),
                entry(JournalEntry.Type.STATE_CHANGE, "CLU", "resource.state",
                        Map.of("resource", "Disk", "from", "Offline", "to", "Failed")),
                entry(JournalEntry.Type.STATE_CHANGE, "CLU", "resource.state",
                        Map.of("resource", "IP", "from", "OnlinePending", "to", "Online", "reason", "online")),
                entry(JournalEntry.Type.EVENT_LOG, "CLU", "ClusSvc", Map.of("eventId", "1069", "resource", "Disk")),
                entry(JournalEntry.Type.NOTE, "exchange", "log-rolled", Map.of())));

        assertThat(changes).extracting(JournaledChange::describe).containsExactly(
                "CLU resource.state {resource=IP}: Offline -> Online (2 changes)",
                "CLU resource.state {resource=Disk}: Offline -> Failed",
                "event CLU ClusSvc {eventId=1069, resource=Disk}");
    }
}
