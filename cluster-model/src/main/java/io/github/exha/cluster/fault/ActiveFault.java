package io.github.exha.cluster.fault;

import java.time.Instant;
import java.util.Objects;

/**
 * A fault the {@link ClusterFaultInjector} injected and has not healed yet.
 *
 * @param point the fault point that fired, for example {@value ClusterFaultInjector#LUN_LOST}
 * @param target what is faulted: {@code NODE1/Public} (host/NIC), {@code Production|Recovery} (two sites),
 *     {@code SAN-MAIN/DATA1} (array/LUN)
 * @param since when it was injected
 * @param healsAt when it is due to heal
 */
public record ActiveFault(String point, String target, Instant since, Instant healsAt) {
    /** Validates the fault. */
    public ActiveFault {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(healsAt, "healsAt");
    }
}
