package io.github.exha.exchange.config;

/** The two Exchange generations exha simulates. */
public enum ExchangeVersion {
    /** Exchange Server 2003 (6.5): Exchange Virtual Servers, 5 MB logs. */
    EXCHANGE_2003,
    /** Exchange Server 2007 (8.x): server roles, clustered mailbox servers, continuous replication, 1 MB logs. */
    EXCHANGE_2007
}
