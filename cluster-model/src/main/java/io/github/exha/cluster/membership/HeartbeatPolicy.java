package io.github.exha.cluster.membership;

import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;

/**
 * How often nodes send heartbeats and how many may be missed before a node is unreachable on a network.
 * Windows 2003: every 1.2 s on each interface, removed after 6 missed on all of them (7.2 s), not tunable.
 * Windows 2008: {@code SameSubnetDelay}/{@code SameSubnetThreshold} and {@code CrossSubnetDelay}/{@code
 * CrossSubnetThreshold}, default 1000 ms and 5 (5 s); ranges 250–2000 ms on a common subnet, 250–4000 ms across
 * subnets, 3–10 missed heartbeats (TechNet "Configure Heartbeat and DNS Settings in a Multi-Site Failover
 * Cluster").
 *
 * @param sameSubnetDelay interval between heartbeats to a node on the same subnet
 * @param sameSubnetThreshold heartbeats missed before a same-subnet interface is unreachable
 * @param crossSubnetDelay interval between heartbeats to a node on another subnet
 * @param crossSubnetThreshold heartbeats missed before a cross-subnet interface is unreachable
 */
public record HeartbeatPolicy(Duration sameSubnetDelay, int sameSubnetThreshold, Duration crossSubnetDelay,
        int crossSubnetThreshold) {
    /** Windows 2003: 1.2 s, 6 missed, on every subnet. */
    public static final HeartbeatPolicy WINDOWS_2003 = new HeartbeatPolicy(Duration.ofMillis(1200), 6, Duration.ofMillis(1200), 6);
    /** Windows 2008 defaults: 1 s, 5 missed, on every subnet. */
    public static final HeartbeatPolicy WINDOWS_2008 = new HeartbeatPolicy(Duration.ofSeconds(1), 5, Duration.ofSeconds(1), 5);

    /**
     * Checks that the delays are positive and the thresholds at least 1 (the version's ranges are checked by
     * {@link #validateFor}).
     */
    public HeartbeatPolicy {
        if (sameSubnetDelay == null || crossSubnetDelay == null || sameSubnetDelay.isNegative() || sameSubnetDelay.isZero()
                || crossSubnetDelay.isNegative() || crossSubnetDelay.isZero() || sameSubnetThreshold < 1
                || crossSubnetThreshold < 1) {
            throw new ExhaException(QuorumErrorCode.INVALID_HEARTBEAT_SETTING,
                    "Heartbeat delays must be positive and thresholds at least 1.");
        }
    }

    /** The default policy of {@code version}. */
    public static HeartbeatPolicy defaults(ClusterVersion version) {
        return switch (version) {
            case WINDOWS_2003 -> WINDOWS_2003;
            case WINDOWS_2008 -> WINDOWS_2008;
        };
    }

    /** This policy with other same-subnet settings ({@code cluster /prop SameSubnetDelay=... SameSubnetThreshold=...}). */
    public HeartbeatPolicy withSameSubnet(Duration delay, int threshold) {
        return new HeartbeatPolicy(delay, threshold, crossSubnetDelay, crossSubnetThreshold);
    }

    /** This policy with other cross-subnet settings. */
    public HeartbeatPolicy withCrossSubnet(Duration delay, int threshold) {
        return new HeartbeatPolicy(sameSubnetDelay, sameSubnetThreshold, delay, threshold);
    }

    /** The heartbeat interval between two nodes. */
    public Duration delay(boolean sameSubnet) {
        return sameSubnet ? sameSubnetDelay : crossSubnetDelay;
    }

    /** The number of missed heartbeats that makes an interface unreachable. */
    public int threshold(boolean sameSubnet) {
        return sameSubnet ? sameSubnetThreshold : crossSubnetThreshold;
    }

    /** How long after the last heartbeat a silent node is removed: delay × threshold (7.2 s on 2003, 5 s on 2008). */
    public Duration detectionTime(boolean sameSubnet) {
        return delay(sameSubnet).multipliedBy(threshold(sameSubnet));
    }

    /**
     * Checks the policy against what {@code version} allows.
     *
     * @throws ExhaException {@code cluster.quorum.invalid-heartbeat-setting} for a tuned policy on Windows 2003 or a
     *     value out of the 2008 ranges
     */
    public void validateFor(ClusterVersion version) {
        switch (version) {
            case WINDOWS_2003 -> {
                if (!equals(WINDOWS_2003)) {
                    throw new ExhaException(QuorumErrorCode.INVALID_HEARTBEAT_SETTING,
                            "Windows Server 2003 heartbeats are fixed at 1.2 s and 6 missed heartbeats; they cannot be tuned.");
                }
            }
            case WINDOWS_2008 -> {
                requireRange("SameSubnetDelay", sameSubnetDelay.toMillis(), 250, 2000);
                requireRange("CrossSubnetDelay", crossSubnetDelay.toMillis(), 250, 4000);
                requireRange("SameSubnetThreshold", sameSubnetThreshold, 3, 10);
                requireRange("CrossSubnetThreshold", crossSubnetThreshold, 3, 10);
            }
        }
    }

    private static void requireRange(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ExhaException(QuorumErrorCode.INVALID_HEARTBEAT_SETTING,
                    property + " must be between " + min + " and " + max + ", not " + value + ".");
        }
    }
}
