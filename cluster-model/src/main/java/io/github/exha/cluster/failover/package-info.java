/**
 * The failover-cluster resource engine: nodes, groups, resources with types from a registry, dependencies, the
 * resource state machine, restart and failover policy, failback and health checks (DOMAIN.md §8), all on the
 * kernel's virtual time. Exchange virtual servers and clustered mailbox servers are groups of these resources.
 */
package io.github.exha.cluster.failover;
