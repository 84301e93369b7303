/**
 * The organization's configuration, as Active Directory holds it: servers (stand-alone, CMS, EVS) with builds,
 * editions and roles; storage groups, databases and mailboxes; and what setup installed on each host. Records are the
 * objects; {@link io.github.exha.exchange.config.ExchangeDirectory} holds them and enforces Exchange's rules.
 */
package io.github.exha.exchange.config;
