/**
 * Storage-based site resilience for Exchange single copy clusters (seed 000): the {@code sanReplication:} topology
 * section declaring SAN consistency groups, the {@link io.github.exha.replication.san.SanReplicationCoordinator} that
 * maps groups and pairs to the Physical Disks, storage groups and databases of clustered mailbox servers, and
 * vendor-neutral runbook commands written against the storage SPI only: {@code Get-SanReplication},
 * {@code Suspend-SanReplication}, {@code Resume-SanReplication}, {@code Invoke-SanFailover}, {@code Set-SanLunAccess},
 * {@code Stop-SanArray} and {@code Start-SanArray}. An array's refusal keeps the SPI's error code
 * ({@link io.github.exha.replication.san.SanReplicationErrorCode}).
 */
package io.github.exha.replication.san;
