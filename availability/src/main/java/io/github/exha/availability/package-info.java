/**
 * Availability planning ({@code exha estimate}): a Monte Carlo over the failure and repair distributions of the
 * nodes, disks, arrays, links and sites of the design a topology declares (the {@code reliability:} section, with
 * documented defaults in {@link io.github.exha.availability.ReliabilityDefaults}), following that design's outage
 * semantics (SCC, CCR, SCR, SAN replication), estimating availability, downtime, RPO, RTO and messages lost with
 * confidence intervals ({@link io.github.exha.availability.AvailabilityEstimator}). The automatic failover time can
 * be measured by crashing the active node in a lab of the topology ({@link
 * io.github.exha.availability.FailoverCalibration}).
 */
package io.github.exha.availability;
