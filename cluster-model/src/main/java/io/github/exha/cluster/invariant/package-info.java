/**
 * Invariants of the cluster model, checked by replaying the journal so a violation that lasted a single event is
 * caught too: a resource online on at most one node; a disk writable by at most one node; at most one partition
 * with quorum.
 */
package io.github.exha.cluster.invariant;
