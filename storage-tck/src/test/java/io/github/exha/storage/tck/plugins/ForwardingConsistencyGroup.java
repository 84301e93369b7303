package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.ReplicationMode;
import io.github.exha.storage.spi.ReplicationStatus;
import io.github.exha.storage.spi.ResyncDirection;

/** A consistency group forwarding to a working one. */
public class ForwardingConsistencyGroup implements ConsistencyGroup {
    /** The working group. */
    protected final ConsistencyGroup delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingConsistencyGroup(ConsistencyGroup delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ReplicationMode mode() {
        return delegate.mode();
    }

    @Override
    public ReplicationStatus status() {
        return delegate.status();
    }

    @Override
    public void addPair(String sourceLun, String targetLun) {
        delegate.addPair(sourceLun, targetLun);
    }

    @Override
    public void removePair(String sourceLun) {
        delegate.removePair(sourceLun);
    }

    @Override
    public void enable() {
        delegate.enable();
    }

    @Override
    public void suspend() {
        delegate.suspend();
    }

    @Override
    public void resume() {
        delegate.resume();
    }

    @Override
    public void split() {
        delegate.split();
    }

    @Override
    public void failover() {
        delegate.failover();
    }

    @Override
    public void failback() {
        delegate.failback();
    }

    @Override
    public void reverse() {
        delegate.reverse();
    }

    @Override
    public void resync(ResyncDirection direction) {
        delegate.resync(direction);
    }

    @Override
    public void disable() {
        delegate.disable();
    }
}
