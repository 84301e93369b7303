/**
 * The storage vendor SPI. A vendor implements {@link io.github.exha.storage.spi.StorageProvider} (found by
 * {@link java.util.ServiceLoader}) to simulate its arrays: LUNs with LUN masking and access states, block devices
 * per (LUN, host), and replication between two arrays in consistency groups, SYNC or ASYNC, with the operations
 * storage administrators use in a site failover (suspend, resume, split, failover, failback, reverse, resync with an
 * explicit direction). The host reaches the plugin's time, scheduling and randomness only through
 * {@link io.github.exha.storage.spi.StorageContext}, so a plugin is deterministic under the lab's seed.
 *
 * <p>This package depends on the JDK only. Every failure is a {@link io.github.exha.storage.spi.StorageException}
 * with a {@link io.github.exha.storage.spi.StorageErrorCode}; each operation's Javadoc lists the codes it may raise,
 * and an operation that fails leaves the array exactly as it was. The conformance kit ({@code exha-storage-tck})
 * checks all of this.
 */
package io.github.exha.storage.spi;
