package io.github.exha.cluster.invariant;

import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster resource is online (or on its way online or offline) on at most one node at any moment: replays every
 * {@code resource.state} entry of the journal and fails at the first entry that places a resource on a second node
 * while it still counts as running on another.
 */
public final class OneNodePerResourceInvariant implements Invariant {
    private final Journal journal;

    /** Checks the lab's journal. */
    @Inject
    public OneNodePerResourceInvariant(Journal journal) {
        this.journal = journal;
    }

    @Override
    public String name() {
        return "resource-online-on-at-most-one-node";
    }

    @Override
    public InvariantResult check() {
        Map<String, String> runningOn = new TreeMap<>();
        int transitions = 0;
        for (JournalEntry entry : journal.entries()) {
            if (entry.type() != JournalEntry.Type.STATE_CHANGE || !entry.name().equals("resource.state")) {
                continue;
            }
            transitions++;
            String resource = entry.source() + "/" + entry.attribute("resource");
            String node = entry.attribute("node");
            String to = entry.attribute("to");
            if (to != null && occupiesNode(to)) {
                String other = runningOn.get(resource);
                if (other != null && !other.equals(node)) {
                    return new InvariantResult(name(), false, "at " + entry.time() + " (journal entry "
                            + entry.sequence() + ") resource " + resource + " went " + to + " on " + node
                            + " while still running on " + other);
                }
                runningOn.put(resource, node);
            } else {
                runningOn.remove(resource);
            }
        }
        return new InvariantResult(name(), true, transitions + " resource transitions checked");
    }

    /** Whether a resource in the state the engine journaled as {@code displayName} is running on its node. */
    private static boolean occupiesNode(String displayName) {
        for (ResourceState state : ResourceState.values()) {
            if (state.displayName().equals(displayName)) {
                return switch (state) {
                    case ONLINE, ONLINE_PENDING, OFFLINE_PENDING -> true;
                    case OFFLINE, FAILED, INITIALIZING, UNKNOWN -> false;
                };
            }
        }
        return false;
    }
}
