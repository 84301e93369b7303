/**
 * Exchange on failover clusters: the Exchange cluster resource types (System Attendant, Information Store, Database
 * Instance and the 2003 protocol and connector instances), the groups of Exchange Virtual Servers and clustered
 * mailbox servers, and the EMS cmdlets that run a clustered mailbox server.
 */
package io.github.exha.exchange.clustering;
