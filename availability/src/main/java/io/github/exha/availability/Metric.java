package io.github.exha.availability;

/** What an estimate reports, each with a confidence interval. */
public enum Metric {
    /** The fraction of time the mailbox databases are served (mean over trials; 95 % t-interval). */
    AVAILABILITY("availability", "percent"),
    /** Availability as nines: -log10(1 - availability). */
    NINES("nines", "nines"),
    /** Minutes without service per year (mean over trials; t-interval). */
    DOWNTIME_PER_YEAR("downtimePerYear", "minutes"),
    /** Unplanned outages per year (mean over trials; t-interval). */
    OUTAGES_PER_YEAR("outagesPerYear", "outages"),
    /** Median outage length (over every outage of every trial; order-statistic interval). */
    RTO_P50("rtoP50", "minutes"),
    /** 95th percentile of outage lengths. */
    RTO_P95("rtoP95", "minutes"),
    /** 99th percentile of outage lengths. */
    RTO_P99("rtoP99", "minutes"),
    /** Median recovery point (data-loss window, 0 when lossless) over every outage. */
    RPO_P50("rpoP50", "seconds"),
    /** 95th percentile of recovery points. */
    RPO_P95("rpoP95", "seconds"),
    /** 99th percentile of recovery points. */
    RPO_P99("rpoP99", "seconds"),
    /** Acknowledged messages lost per year, after transport dumpster resubmission (mean over trials; t-interval). */
    MESSAGES_LOST_PER_YEAR("messagesLostPerYear", "messages");

    private final String key;
    private final String unit;

    Metric(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The metric's stable name in JSON and CSV output. */
    public String key() {
        return key;
    }

    /** The unit of its values. */
    public String unit() {
        return unit;
    }
}
