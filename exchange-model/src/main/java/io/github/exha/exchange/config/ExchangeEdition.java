package io.github.exha.exchange.config;

/**
 * The edition of an Exchange server, which sets its store limits and whether it may be clustered (DOMAIN.md §4).
 */
public enum ExchangeEdition {
    /** Standard: 5 storage groups and 5 databases on 2007 (1 and 2 on 2003); no clustering. */
    STANDARD,
    /** Enterprise: 50 storage groups and 50 databases on 2007 (4 and 20 on 2003); clustering. */
    ENTERPRISE;

    /** The most storage groups one server of this edition may have. */
    public int maxStorageGroups(ExchangeVersion version) {
        return switch (version) {
            case EXCHANGE_2003 -> this == ENTERPRISE ? 4 : 1;
            case EXCHANGE_2007 -> this == ENTERPRISE ? 50 : 5;
        };
    }

    /** The most databases one server of this edition may have (mailbox and public folder together). */
    public int maxDatabases(ExchangeVersion version) {
        return switch (version) {
            // 2003 Standard: one mailbox store and one public folder store; Enterprise: 5 per storage group.
            case EXCHANGE_2003 -> this == ENTERPRISE ? 20 : 2;
            case EXCHANGE_2007 -> this == ENTERPRISE ? 50 : 5;
        };
    }

    /** The most databases one storage group may hold, whatever the edition. */
    public static int maxDatabasesPerStorageGroup() {
        return 5;
    }
}
