/**
 * The Exchange Management Shell cmdlets of the model: servers, storage groups, databases, mailboxes, path moves and
 * the event log, with EMS's parameters, default table columns, list fields and refusals.
 */
package io.github.exha.exchange.shell;
