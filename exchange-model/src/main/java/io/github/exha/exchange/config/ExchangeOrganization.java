package io.github.exha.exchange.config;

import java.util.Objects;

/**
 * The Exchange organization: its name and the Active Directory domain its servers and users are in.
 *
 * @param name the organization name ({@code Contoso})
 * @param domain the domain ({@code contoso.com})
 */
public record ExchangeOrganization(String name, String domain) {
    /** Validates the values. */
    public ExchangeOrganization {
        StorageGroup.requireObjectName(name, "organization", 64);
        if (domain == null || !domain.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            throw new IllegalArgumentException("the organization's domain must be a DNS name like contoso.com: '"
                    + domain + "'");
        }
    }
}
