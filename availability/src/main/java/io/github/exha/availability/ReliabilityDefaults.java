package io.github.exha.availability;

import java.time.Duration;

/**
 * The assumptions an estimate uses where a topology's {@code reliability:} section says nothing. Each is a modelling
 * choice (CHOICE), stated here once and in README.md; declare your own figures to replace them.
 *
 * <ul>
 *   <li>node: an unplanned failure every 6 months on average (hardware, operating system, driver or Exchange crash;
 *       exponential, mean 182 days); repair log-normal, median 30 minutes (a reboot), 95th percentile 8 hours (a part
 *       replaced).</li>
 *   <li>disk (a RAID-protected LUN or a node's own RAID set, lost with its data): 0.5 % a year (exponential, mean 200
 *       years: single-disk annual replacement rates of 2-4 % are masked by RAID, double faults are rare); repair
 *       log-normal, median 8 hours, 95th percentile 24 hours (replace, rebuild, restore or reseed).</li>
 *   <li>array (unavailable as a whole, data intact: controller, firmware, power): every 5 years (exponential, mean
 *       1826 days); repair log-normal, median 2 hours, 95th percentile 12 hours.</li>
 *   <li>link (SAN replication link or WAN link): every 90 days (exponential); repair log-normal, median 1 hour, 95th
 *       percentile 12 hours.</li>
 *   <li>site (power, cooling, network isolation or disaster): every 10 years (exponential, mean 3652 days); repair
 *       log-normal, median 24 hours, 95th percentile 14 days.</li>
 *   <li>activation of a standby site by an administrator (SCR, SAN replication): log-normal, median 2 hours, 95th
 *       percentile 8 hours, from the loss to the runbook done; SCR replay at activation: median 5 minutes, 95th
 *       percentile 20 minutes.</li>
 *   <li>automatic failover: measured by running the simulator (crash the active node, until the databases mount)
 *       when the caller calibrates; else log-normal, median 2 minutes, 95th percentile 5 minutes.</li>
 *   <li>continuous replication lag: exponential with the mean time the workload takes to fill one 1 MB log (the
 *       open log never ships); asynchronous SAN lag: exponential, mean 30 seconds; backups daily.</li>
 *   <li>transport dumpster: 18 MB per storage group (Exchange 2007's default) resubmits the newest mail after a lossy
 *       CCR failover inside a site; a site activation has no dumpster to ask.</li>
 * </ul>
 */
public final class ReliabilityDefaults {
    /** Mean time between unplanned node failures. */
    public static final DurationDistribution NODE_FAILURE = DurationDistribution.exponential(Duration.ofDays(182));
    /** Node repair. */
    public static final DurationDistribution NODE_REPAIR = DurationDistribution.lognormal(Duration.ofMinutes(30), Duration.ofHours(8));
    /** Loss of a LUN or of a node's own disks. */
    public static final DurationDistribution DISK_FAILURE = DurationDistribution.exponential(Duration.ofDays(73_000));
    /** Replacing, rebuilding and restoring (or reseeding) lost disks. */
    public static final DurationDistribution DISK_REPAIR = DurationDistribution.lognormal(Duration.ofHours(8), Duration.ofHours(24));
    /** A whole array unavailable. */
    public static final DurationDistribution ARRAY_FAILURE = DurationDistribution.exponential(Duration.ofDays(1826));
    /** An array back. */
    public static final DurationDistribution ARRAY_REPAIR = DurationDistribution.lognormal(Duration.ofHours(2), Duration.ofHours(12));
    /** A replication or WAN link down. */
    public static final DurationDistribution LINK_FAILURE = DurationDistribution.exponential(Duration.ofDays(90));
    /** A link back. */
    public static final DurationDistribution LINK_REPAIR = DurationDistribution.lognormal(Duration.ofHours(1), Duration.ofHours(12));
    /** A whole site lost. */
    public static final DurationDistribution SITE_FAILURE = DurationDistribution.exponential(Duration.ofDays(3652));
    /** A site back. */
    public static final DurationDistribution SITE_REPAIR = DurationDistribution.lognormal(Duration.ofHours(24), Duration.ofDays(14));
    /** Automatic failover when no calibration is available. */
    public static final DurationDistribution FAILOVER = DurationDistribution.lognormal(Duration.ofMinutes(2), Duration.ofMinutes(5));
    /** The spread of a calibrated failover around the measured time (its median). */
    public static final double CALIBRATED_FAILOVER_SIGMA = 0.5;
    /** An administrator's activation of the standby site. */
    public static final DurationDistribution ACTIVATION = DurationDistribution.lognormal(Duration.ofHours(2), Duration.ofHours(8));
    /** SCR replay at activation. */
    public static final DurationDistribution REPLAY = DurationDistribution.lognormal(Duration.ofMinutes(5), Duration.ofMinutes(20));
    /** Asynchronous SAN replication lag. */
    public static final DurationDistribution SAN_ASYNC_LAG = DurationDistribution.exponential(Duration.ofSeconds(30));
    /** How often backups run. */
    public static final Duration BACKUP_INTERVAL = Duration.ofDays(1);
    /** An Exchange 2007 log file. */
    public static final long LOG_BYTES = 1024 * 1024;
    /** MaxDumpsterSizePerStorageGroup's default. */
    public static final long DUMPSTER_BYTES = 18L * 1024 * 1024;
    /** Mail per hour when the topology has no workload. */
    public static final double MESSAGES_PER_HOUR = 1200;
    /** Mean message size when the topology has no workload: 75 KB. */
    public static final double MESSAGE_BYTES = 75 * 1024;

    private ReliabilityDefaults() {
    }

    /** The default failure distribution of a class. */
    public static DurationDistribution failure(ComponentClass componentClass) {
        return switch (componentClass) {
            case NODE -> NODE_FAILURE;
            case DISK -> DISK_FAILURE;
            case ARRAY -> ARRAY_FAILURE;
            case LINK -> LINK_FAILURE;
            case SITE -> SITE_FAILURE;
        };
    }

    /** The default repair distribution of a class. */
    public static DurationDistribution repair(ComponentClass componentClass) {
        return switch (componentClass) {
            case NODE -> NODE_REPAIR;
            case DISK -> DISK_REPAIR;
            case ARRAY -> ARRAY_REPAIR;
            case LINK -> LINK_REPAIR;
            case SITE -> SITE_REPAIR;
        };
    }
}
