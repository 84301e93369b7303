package io.github.exha.storage.spi;

/**
 * A link between two arrays over which consistency groups replicate. Disconnecting it is how a host simulates a link
 * fault: groups using it go DISCONNECTED (SYNC ones acknowledge locally from then on) and track changes.
 */
public interface ReplicationLink {
    /** The link's settings. */
    LinkSpec spec();

    /** One end. */
    String arrayA();

    /** The other end. */
    String arrayB();

    /** Whether it carries traffic. */
    LinkState state();

    /** Cuts the link (idempotent). Writes in flight on it are lost in transit and stay pending. */
    void disconnect();

    /** Restores the link (idempotent). Groups stay DISCONNECTED until resumed. */
    void reconnect();
}
