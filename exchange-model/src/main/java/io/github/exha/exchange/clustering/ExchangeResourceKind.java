package io.github.exha.exchange.clustering;

import io.github.exha.exchange.config.ExchangeVersion;
import java.time.Duration;

/**
 * The Exchange cluster resource types, with the type name Cluster Administrator shows, the resource name Exchange
 * gives a resource of the type in a server's group, which generation has it and how long its service takes to
 * start. CHOICE: start times are short round values (System Attendant 5 s, Information Store 10 s, others 2 s).
 */
public enum ExchangeResourceKind {
    /** Microsoft Exchange System Attendant: depends on the Network Name and the Physical Disks. */
    SYSTEM_ATTENDANT("Microsoft Exchange System Attendant", "Exchange System Attendant", null, Duration.ofSeconds(5)),
    /** Microsoft Exchange Information Store: starts the store (2003: and mounts the databases). */
    INFORMATION_STORE("Microsoft Exchange Information Store", "Exchange Information Store Instance", null,
            Duration.ofSeconds(10)),
    /** Microsoft Exchange Database Instance (2007): mounts one database. */
    DATABASE_INSTANCE("Microsoft Exchange Database Instance", "", ExchangeVersion.EXCHANGE_2007,
            Duration.ofSeconds(5)),
    /** Microsoft Exchange Message Transfer Agent (2003). */
    MESSAGE_TRANSFER_AGENT("Microsoft Exchange Message Transfer Agent", "Exchange Message Transfer Agent Instance",
            ExchangeVersion.EXCHANGE_2003, Duration.ofSeconds(2)),
    /** Microsoft Exchange Routing Service (2003). */
    ROUTING("Microsoft Exchange Routing Service", "Exchange Routing Service Instance", ExchangeVersion.EXCHANGE_2003,
            Duration.ofSeconds(2)),
    /** SMTP Server Instance (2003). */
    SMTP("SMTP Server Instance", "SMTP Virtual Server Instance", ExchangeVersion.EXCHANGE_2003,
            Duration.ofSeconds(2)),
    /** Microsoft Exchange HTTP Server Instance (2003). */
    HTTP("Microsoft Exchange HTTP Server Instance", "Exchange HTTP Virtual Server Instance",
            ExchangeVersion.EXCHANGE_2003, Duration.ofSeconds(2)),
    /** Microsoft Search Service Instance (2003 full-text indexing). */
    MS_SEARCH("Microsoft Search Service Instance", "Exchange MS Search Instance", ExchangeVersion.EXCHANGE_2003,
            Duration.ofSeconds(2)),
    /** Microsoft Exchange POP3 Server Instance (2003, optional). */
    POP3("Microsoft Exchange POP3 Server Instance", "Exchange POP3 Virtual Server Instance",
            ExchangeVersion.EXCHANGE_2003, Duration.ofSeconds(2)),
    /** Microsoft Exchange IMAP4 Server Instance (2003, optional). */
    IMAP4("Microsoft Exchange IMAP4 Server Instance", "Exchange IMAP4 Virtual Server Instance",
            ExchangeVersion.EXCHANGE_2003, Duration.ofSeconds(2));

    /** Private property of every Exchange resource: the Exchange server (CMS or EVS) it belongs to. */
    public static final String SERVER_NAME = "ServerName";
    /** Private property of a Database Instance: the database's identity. */
    public static final String DATABASE = "Database";

    private final String typeName;
    private final String resourceName;
    private final ExchangeVersion onlyIn;
    private final Duration startTime;

    ExchangeResourceKind(String typeName, String resourceName, ExchangeVersion onlyIn, Duration startTime) {
        this.typeName = typeName;
        this.resourceName = resourceName;
        this.onlyIn = onlyIn;
        this.startTime = startTime;
    }

    /** The resource type's name. */
    public String typeName() {
        return typeName;
    }

    /** How long the service takes to start. */
    public Duration startTime() {
        return startTime;
    }

    /** Whether servers of {@code version} have resources of this type. */
    public boolean existsIn(ExchangeVersion version) {
        return onlyIn == null || onlyIn == version;
    }

    /**
     * The resource's name in {@code server}'s group ({@code Exchange System Attendant (EVS1)}); resource names are
     * unique in a cluster, so the server's name is part of it. A Database Instance is named after its database:
     * {@code First Storage Group/Mailbox Database (EXCHCMS)}.
     */
    public String resourceName(String server, String database) {
        return switch (this) {
            case DATABASE_INSTANCE -> database + " (" + server + ")";
            case SYSTEM_ATTENDANT, INFORMATION_STORE, MESSAGE_TRANSFER_AGENT, ROUTING, SMTP, HTTP, MS_SEARCH, POP3,
                    IMAP4 -> resourceName + " (" + server + ")";
        };
    }

    /** The kind whose type is named {@code typeName}, if any. */
    public static java.util.Optional<ExchangeResourceKind> ofType(String typeName) {
        for (ExchangeResourceKind kind : values()) {
            if (kind.typeName.equalsIgnoreCase(typeName)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
