package io.github.exha.storage.kit;

import io.github.exha.storage.spi.LinkSpec;
import io.github.exha.storage.spi.LinkState;
import io.github.exha.storage.spi.ReplicationLink;
import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replication link between two {@link AbstractStorageArray}s with a one-way latency and a bandwidth.
 *
 * <p>The link is full duplex: each direction is a FIFO. A transfer of N bytes offered at t starts when the direction
 * is free ({@code max(t, busyUntil)}), occupies it for N / bandwidth, and arrives one latency after it left, so
 * arrivals keep the order transfers were offered in. Acknowledgements ({@link #signal}) are small enough to take
 * latency only. {@link #disconnect()} drops every transfer in flight (their senders still hold the data as pending),
 * frees both directions and then tells the plugin ({@link AbstractStorageArray#linkDown}) so its groups can react.
 *
 * <p>Time and scheduling come from the context of {@link #arrayA()} (the array that connected): both ends of a link
 * must share the lab's virtual time.
 *
 * @param <A> the plugin's array type
 */
public final class ArrayLink<A extends AbstractStorageArray<A, ?, ?>> implements ReplicationLink {
    private final LinkSpec spec;
    private final A a;
    private final A b;
    private LinkState state = LinkState.UP;
    private Instant busyFromA = Instant.MIN;
    private Instant busyFromB = Instant.MIN;
    private final Map<Long, StorageScheduler.Cancellable> inFlight = new LinkedHashMap<>();
    private long nextTransfer;
    private long bytesSent;

    ArrayLink(LinkSpec spec, A a, A b) {
        this.spec = spec;
        this.a = a;
        this.b = b;
    }

    @Override
    public LinkSpec spec() {
        return spec;
    }

    @Override
    public String arrayA() {
        return a.name();
    }

    @Override
    public String arrayB() {
        return b.name();
    }

    @Override
    public LinkState state() {
        return state;
    }

    /** Total bytes offered to the link in either direction since it was created (a measure of copy work). */
    public long bytesSent() {
        return bytesSent;
    }

    /** The array that connected the link. */
    public A endA() {
        return a;
    }

    /** The array it was connected to. */
    public A endB() {
        return b;
    }

    /** Whether the link joins these two arrays, in either order. */
    public boolean joins(A one, A other) {
        return (a == one && b == other) || (a == other && b == one);
    }

    /** The end that is not {@code end}. */
    public A otherEnd(A end) {
        return end == a ? b : a;
    }

    /** The lab's virtual time. */
    public Instant now() {
        return a.context().clock().instant();
    }

    /** Runs {@code action} after {@code delay} of virtual time. */
    public StorageScheduler.Cancellable schedule(Duration delay, Runnable action) {
        return a.context().scheduler().schedule(delay, action);
    }

    /**
     * Offers {@code bytes} from {@code from} to the other end; {@code onArrival} runs when they arrive unless the link
     * is cut first. The link must be UP.
     *
     * @return when the transfer has left {@code from} (the direction is free again then)
     */
    public Instant transmit(A from, long bytes, Runnable onArrival) {
        Instant now = now();
        Instant busy = from == a ? busyFromA : busyFromB;
        Instant start = busy.isAfter(now) ? busy : now;
        Instant end = start.plusNanos(transmissionNanos(bytes));
        if (from == a) {
            busyFromA = end;
        } else {
            busyFromB = end;
        }
        bytesSent += bytes;
        deliver(Duration.between(now, end).plus(spec.latency()), onArrival);
        return end;
    }

    /** Sends a message that takes latency but no bandwidth (an acknowledgement). The link must be UP. */
    public void signal(Runnable onArrival) {
        deliver(spec.latency(), onArrival);
    }

    private void deliver(Duration delay, Runnable onArrival) {
        if (state == LinkState.DOWN) {
            throw new IllegalStateException("link " + spec.name() + " is down");
        }
        long id = nextTransfer++;
        inFlight.put(id, schedule(delay, () -> {
            inFlight.remove(id);
            onArrival.run();
        }));
    }

    private long transmissionNanos(long bytes) {
        // bytes are at most one write or one chunk, so bytes * 1e9 fits in a long
        return (bytes * 1_000_000_000L + spec.bandwidthBytesPerSecond() - 1) / spec.bandwidthBytesPerSecond();
    }

    @Override
    public void disconnect() {
        if (state == LinkState.DOWN) {
            return;
        }
        state = LinkState.DOWN;
        List<StorageScheduler.Cancellable> dropped = new ArrayList<>(inFlight.values());
        inFlight.clear();
        dropped.forEach(StorageScheduler.Cancellable::cancel);
        busyFromA = Instant.MIN;
        busyFromB = Instant.MIN;
        emitStateChange(LinkState.UP, LinkState.DOWN);
        a.linkDown(this);
    }

    @Override
    public void reconnect() {
        if (state == LinkState.UP) {
            return;
        }
        state = LinkState.UP;
        emitStateChange(LinkState.DOWN, LinkState.UP);
    }

    private void emitStateChange(LinkState from, LinkState to) {
        A observer = a.isPoweredOn() || !b.isPoweredOn() ? a : b;
        observer.emit(StorageEvent.Type.LINK_STATE_CHANGED, spec.name(), Map.of("from", from.name(), "to", to.name()));
    }

    @Override
    public String toString() {
        return "link " + spec.name() + " (" + a.name() + " <-> " + b.name() + ", " + state + ")";
    }
}
