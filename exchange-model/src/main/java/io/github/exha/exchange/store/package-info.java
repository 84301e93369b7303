/**
 * The log-based mailbox store: a storage group's log stream written as real files on a host's volumes (Exchange
 * 2003 and 2007 naming and sizes), its checkpoint, and its databases' files with ESE-like headers.
 *
 * <p>{@link io.github.exha.exchange.store.StorageGroupStore} runs a storage group: it mounts databases with soft
 * recovery, acknowledges a delivered message only once its log record is durable, lets database writes lag the log by
 * the lost log resilience depth, rolls logs, keeps circular logging, takes the storage group offline when the log disk
 * is full, and takes full backups. The files are values that other modules read and write:
 * {@link io.github.exha.exchange.store.LogDirectory} lists a log folder's generations,
 * {@link io.github.exha.exchange.store.LogFile} reads, checks and writes one log,
 * {@link io.github.exha.exchange.store.DatabaseFile} reads a database file and replays a log into it,
 * {@link io.github.exha.exchange.store.CheckpointFile} reads a checkpoint. Errors carry ESE's numbers
 * ({@link io.github.exha.exchange.store.StoreErrorCode}).
 *
 * <p>This package depends on the cluster model (hosts, volumes) and the kernel only, never on other Exchange
 * packages: it takes plain values (paths, identities, version stamps).
 */
package io.github.exha.exchange.store;
