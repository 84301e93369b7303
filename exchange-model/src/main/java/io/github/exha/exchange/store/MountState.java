package io.github.exha.exchange.store;

/** Whether a database is mounted: only a mounted database takes mail. */
public enum MountState {
    /** Offline; its file may be in any header state. */
    DISMOUNTED,
    /** Recovery and attach are under way. */
    MOUNTING,
    /** Online: deliveries are logged and acknowledged. */
    MOUNTED,
    /** Shutting down cleanly: the last records are being written to the database file. */
    DISMOUNTING
}
