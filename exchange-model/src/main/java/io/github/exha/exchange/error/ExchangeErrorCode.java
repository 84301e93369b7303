package io.github.exha.exchange.error;

import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/**
 * Error codes of the Exchange configuration and the management shell. The store, setup and the cluster resource
 * types have their own enums next to their code; where Exchange or Windows has a number, the exception carries it.
 */
public enum ExchangeErrorCode implements ErrorCode {
    /** An identity that names no object (a server, storage group, database or mailbox). */
    OBJECT_NOT_FOUND("exchange.object-not-found", USER),
    /** An identity that names more than one object (a database name used on several servers). */
    AMBIGUOUS_IDENTITY("exchange.ambiguous-identity", USER),
    /** A name already taken by an object of the same kind in the same container. */
    DUPLICATE_NAME("exchange.duplicate-name", USER),
    /** A value Exchange rejects: a bad name, path or parameter combination. */
    INVALID_ARGUMENT("exchange.invalid-argument", USER),
    /** The edition's limit of storage groups or databases per server is reached. */
    LIMIT_REACHED("exchange.limit-reached", STATE),
    /** Clustered mailbox servers and Exchange Virtual Servers need the Enterprise edition. */
    EDITION_NOT_SUPPORTED("exchange.edition-not-supported", USER),
    /** A clustered mailbox node cannot hold any other Exchange server role. */
    ROLE_CONFLICT("exchange.role-conflict", USER),
    /** The operation does not apply to the object in its current state (a mounted database, a non-empty group). */
    WRONG_STATE("exchange.wrong-state", STATE),
    /** The operation is not possible on this kind of server (a path move without -ConfigurationOnly on CCR). */
    NOT_SUPPORTED("exchange.not-supported", USER);

    private final String id;
    private final ErrorCategory category;

    ExchangeErrorCode(String id, ErrorCategory category) {
        this.id = id;
        this.category = category;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
