package io.github.exha.cluster.storage;

import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Timer;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageEventListener;
import io.github.exha.storage.spi.StorageScheduler;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a lab gives a storage plugin for one array: the lab's virtual clock and scheduler, the named random stream
 * {@code storage:<array>} (so adding an array never changes another's draws), and a listener that journals every
 * storage event as a {@link JournalEntry.Type#STATE_CHANGE} entry (source = the array, name = {@code storage.} plus
 * the event type in lower case, attributes = the event's subject and details), so reports and invariant checkers
 * see what the arrays did.
 */
public final class LabStorageContext implements StorageContext {
    private final Kernel kernel;
    private final RandomGenerator random;
    private final StorageEventListener listener;

    /**
     * A context for one array of the lab.
     *
     * @param kernel the lab's kernel
     * @param arrayName the array's name, naming its random stream
     */
    public LabStorageContext(Kernel kernel, String arrayName) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.random = kernel.streams().stream("storage:" + Objects.requireNonNull(arrayName, "arrayName"));
        this.listener = this::journal;
    }

    @Override
    public InstantSource clock() {
        return kernel.clock();
    }

    @Override
    public StorageScheduler scheduler() {
        return (delay, action) -> {
            Timer timer = kernel.scheduler().schedule(delay, action);
            return timer::cancel;
        };
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public StorageEventListener events() {
        return listener;
    }

    private void journal(StorageEvent event) {
        Map<String, String> attributes = new LinkedHashMap<>(event.details());
        attributes.put("subject", event.subject());
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, event.array(),
                "storage." + event.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), attributes);
    }
}
