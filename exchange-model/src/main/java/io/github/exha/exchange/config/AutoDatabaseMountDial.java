package io.github.exha.exchange.config;

/**
 * How many logs a clustered mailbox server may be missing when it mounts its databases after an unscheduled failover
 * (msExchDataLossForAutoDatabaseMount, DOMAIN.md §3): Exchange 2007's thresholds 0, 3 and 6.
 */
public enum AutoDatabaseMountDial {
    /** Mount only with no log missing. */
    LOSSLESS(0),
    /** Mount with up to 3 logs missing; the default (CHOICE). */
    GOOD_AVAILABILITY(3),
    /** Mount with up to 6 logs missing. */
    BEST_AVAILABILITY(6);

    private final int maxMissingLogs;

    AutoDatabaseMountDial(int maxMissingLogs) {
        this.maxMissingLogs = maxMissingLogs;
    }

    /** The most logs that may be lost for an automatic mount. */
    public int maxMissingLogs() {
        return maxMissingLogs;
    }
}
