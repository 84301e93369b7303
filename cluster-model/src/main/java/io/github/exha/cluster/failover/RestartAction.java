package io.github.exha.cluster.failover;

/** What the cluster does when a resource fails (the RestartAction common property). */
public enum RestartAction {
    /** Leave the resource failed. */
    DONT_RESTART,
    /** Restart it in place up to the threshold, then leave it failed without affecting the group. */
    RESTART_NO_NOTIFY,
    /** Restart it in place up to the threshold, then fail the group over ("affect the group"); the default. */
    RESTART_NOTIFY
}
