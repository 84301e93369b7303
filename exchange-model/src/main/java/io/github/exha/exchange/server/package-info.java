/** The running Exchange services: where each server's store runs and which databases are mounted. */
package io.github.exha.exchange.server;
