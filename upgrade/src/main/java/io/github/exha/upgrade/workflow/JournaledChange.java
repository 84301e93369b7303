package io.github.exha.upgrade.workflow;

import io.github.exha.core.kernel.JournalEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a step changed in one object of the world, summarised from the journal's state-change entries (and the
 * event-log entries the product writes, such as a suspended copy or a resource that failed, event 1069): a resource
 * that went Offline → OnlinePending → Online during the step shows once, Offline → Online, with a count of 3.
 *
 * @param type {@link JournalEntry.Type#STATE_CHANGE} or {@link JournalEntry.Type#EVENT_LOG}
 * @param source who journaled it (a cluster, a host, {@code exchange.directory})
 * @param name what changed ({@code resource.state}, {@code installation.changed})
 * @param subject the entries' attributes that name the object (every attribute but {@link #PROGRESS_ATTRIBUTES})
 * @param from the value before the first change, or null when the entries carry none
 * @param to the value after the last change, or null when the entries carry none
 * @param count how many state-change entries the summary stands for
 */
public record JournaledChange(JournalEntry.Type type, String source, String name, Map<String, String> subject,
        String from, String to, int count) {
    /**
     * Attributes that record how an object moved rather than which object it is: entries differing only in these
     * are one object changing several times.
     */
    public static final Set<String> PROGRESS_ATTRIBUTES = Set.of("from", "to", "reason", "generation");

    public JournaledChange {
        if (type != JournalEntry.Type.STATE_CHANGE && type != JournalEntry.Type.EVENT_LOG) {
            throw new IllegalArgumentException("a change is a state change or an event-log entry: " + type);
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        subject = Collections.unmodifiableMap(new TreeMap<>(subject));
        if (count < 1) {
            throw new IllegalArgumentException("a change stands for at least one entry");
        }
    }

    /**
     * Summarises state-change and event-log entries (others are ignored) per object, in the order each object first
     * changed.
     */
    public static List<JournaledChange> summarise(List<JournalEntry> entries) {
        Map<List<Object>, JournaledChange> byObject = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            if (entry.type() != JournalEntry.Type.STATE_CHANGE && entry.type() != JournalEntry.Type.EVENT_LOG) {
                continue;
            }
            Map<String, String> subject = new TreeMap<>(entry.attributes());
            subject.keySet().removeAll(PROGRESS_ATTRIBUTES);
            List<Object> key = List.of(entry.type(), entry.source(), entry.name(), subject);
            JournaledChange earlier = byObject.get(key);
            byObject.put(key, earlier == null
                    ? new JournaledChange(entry.type(), entry.source(), entry.name(), subject, entry.attribute("from"),
                            entry.attribute("to"), 1)
                    : new JournaledChange(earlier.type, earlier.source, earlier.name, earlier.subject, earlier.from,
                            entry.attribute("to") == null ? earlier.to : entry.attribute("to"), earlier.count + 1));
        }
        return new ArrayList<>(byObject.values());
    }

    /**
     * One line: {@code E2K7CLU02 resource.state {group=CCREX01, resource=IP Address (CCREX01)}: Offline -> Online};
     * event-log entries start with {@code event}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(type == JournalEntry.Type.EVENT_LOG ? "event " : "").append(source)
                .append(' ').append(name);
        if (!subject.isEmpty()) {
            text.append(' ').append(subject);
        }
        if (from != null || to != null) {
            text.append(": ").append(from == null || from.isEmpty() ? "(none)" : from).append(" -> ")
                    .append(to == null || to.isEmpty() ? "(none)" : to);
        }
        if (count > 1) {
            text.append(" (").append(count).append(" changes)");
        }
        return text.toString();
    }
}
