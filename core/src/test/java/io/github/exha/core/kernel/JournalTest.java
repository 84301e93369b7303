package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalTest {
    private static final Instant START = Instant.parse("2008-03-01T00:00:00Z");

    private final ThreadConfinement confinement = new ThreadConfinement("journal");
    private final SimClock clock = new SimClock(START);
    private final Scheduler scheduler = new Scheduler(clock, confinement);
    private final Journal journal = new Journal(clock, confinement);

    @Test
    void entriesAreStampedWithVirtualTimeAndSequence() {
        journal.append(JournalEntry.Type.NOTE, "lab", "started");
        scheduler.runFor(Duration.ofMinutes(5));
        JournalEntry entry = journal.append(JournalEntry.Type.EVENT_LOG, "NODE1", "MSExchangeIS", Map.of(JournalEntry.EVENT_ID, "9523"));
        assertThat(entry.sequence()).isEqualTo(2);
        assertThat(entry.time()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(entry.attribute(JournalEntry.EVENT_ID)).isEqualTo("9523");
        assertThat(journal.size()).isEqualTo(2);
        assertThat(journal.entries()).extracting(JournalEntry::name).containsExactly("started", "MSExchangeIS");
    }

    @Test
    void attributesAreSortedCopiedAndUnmodifiable() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("zeta", "1");
        attributes.put("alpha", "2");
        attributes.put("mid", "3");
        JournalEntry entry = journal.append(JournalEntry.Type.STATE_CHANGE, "NODE1", "group.online", attributes);
        attributes.put("late", "x");
        assertThat(entry.attributes().keySet()).containsExactly("alpha", "mid", "zeta");
        assertThatThrownBy(() -> entry.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> journal.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void digestDependsOnContentAndIsUnaffectedByBeingRead() {
        Journal other = new Journal(new SimClock(START), confinement);
        String empty = journal.digest();
        assertThat(empty).isEqualTo(other.digest()).hasSize(64).matches("[0-9a-f]{64}");
        journal.append(JournalEntry.Type.NOTE, "a", "b", Map.of("k", "v"));
        String afterOne = journal.digest();
        assertThat(journal.digest()).isEqualTo(afterOne);
        journal.append(JournalEntry.Type.NOTE, "a", "c");
        other.append(JournalEntry.Type.NOTE, "a", "b", Map.of("k", "v"));
        other.append(JournalEntry.Type.NOTE, "a", "c");
        // Reading the digest between appends must not change the final digest.
        assertThat(journal.digest()).isEqualTo(other.digest()).isNotEqualTo(afterOne).isNotEqualTo(empty);
    }

    @Test
    void digestEncodingIsUnambiguous() {
        Journal a = new Journal(new SimClock(START), confinement);
        Journal b = new Journal(new SimClock(START), confinement);
        a.append(JournalEntry.Type.NOTE, "ab", "c");
        b.append(JournalEntry.Type.NOTE, "a", "bc");
        assertThat(a.digest()).isNotEqualTo(b.digest());
        Journal c = new Journal(new SimClock(START), confinement);
        Journal d = new Journal(new SimClock(START), confinement);
        c.append(JournalEntry.Type.NOTE, "s", "n", Map.of("k", "v=w"));
        d.append(JournalEntry.Type.NOTE, "s", "n", Map.of("k=v", "w"));
        assertThat(c.digest()).isNotEqualTo(d.digest());
    }

    @Test
    void listenersRunSynchronouslyInSubscriptionOrder() {
        List<String> seen = new ArrayList<>();
        journal.subscribe(e -> seen.add("first:" + e.name()));
        journal.subscribe(e -> seen.add("second:" + e.name()));
        journal.append(JournalEntry.Type.COMMAND, "runbook", "Move-ClusteredMailboxServer");
        assertThat(seen).containsExactly("first:Move-ClusteredMailboxServer", "second:Move-ClusteredMailboxServer");
    }

    @Test
    void invalidAppendsAreRejected() {
        for (Runnable bad : List.<Runnable>of(
                () -> journal.append(null, "s", "n"),
                () -> journal.append(JournalEntry.Type.NOTE, " ", "n"),
                () -> journal.append(JournalEntry.Type.NOTE, "s", ""),
                () -> journal.append(JournalEntry.Type.NOTE, "s", "n", null))) {
            assertThatThrownBy(bad::run).isInstanceOfSatisfying(ExhaException.class,
                    e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
        }
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);
        assertThatThrownBy(() -> journal.append(JournalEntry.Type.NOTE, "s", "n", withNull)).isInstanceOf(ExhaException.class);
        assertThat(journal.size()).isZero();
    }
}
