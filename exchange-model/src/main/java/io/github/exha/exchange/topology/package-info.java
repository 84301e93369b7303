/** The {@code exchange:} topology section and the organization built from it. */
package io.github.exha.exchange.topology;
