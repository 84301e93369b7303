package io.github.exha.cluster.host;

/** A host's power state. Only an {@link #ON} host runs services and has volumes mounted. */
public enum PowerState {
    /** Running: services up, volumes mounted. */
    ON,
    /** Shutting down in an orderly way: services stopped and volumes dismounted; power goes off at the end. */
    SHUTTING_DOWN,
    /** Powered off. */
    OFF,
    /** Starting Windows; volumes come back and services start at the end. */
    BOOTING,
    /** Crashed (blue screen, power loss): stopped without shutting down; nothing more was written. */
    CRASHED
}
