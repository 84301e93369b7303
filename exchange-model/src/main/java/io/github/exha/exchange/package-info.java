/**
 * Exchange 2003 and 2007 on the simulated hosts and failover clusters: configuration, the log-based store, the mail
 * workload, Exchange Virtual Servers and clustered mailbox servers, setup and the management shell.
 */
package io.github.exha.exchange;
