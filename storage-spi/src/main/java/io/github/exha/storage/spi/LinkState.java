package io.github.exha.storage.spi;

/** Whether a replication link carries traffic. */
public enum LinkState {
    /** Connected. */
    UP,
    /** Disconnected (a fault, or {@link ReplicationLink#disconnect()}). */
    DOWN
}
