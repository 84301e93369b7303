package io.github.exha.exchange.config;

/** What an Exchange server object stands for. */
public enum ServerKind {
    /** A server installed on one host. */
    STANDALONE,
    /** An Exchange 2007 clustered mailbox server (CMS), hosted by a cluster group. */
    CLUSTERED_MAILBOX_SERVER,
    /** An Exchange 2003 Exchange Virtual Server (EVS), hosted by a cluster group. */
    EXCHANGE_VIRTUAL_SERVER
}
