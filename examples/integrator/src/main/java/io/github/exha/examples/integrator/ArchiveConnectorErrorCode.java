package io.github.exha.examples.integrator;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;
import io.github.exha.core.error.ExhaException;

/** The integrator's own error codes: an integration contributes its codes the way each exha module does. */
public enum ArchiveConnectorErrorCode implements ErrorCode {
    /** No resource of the archive connector type has that name in any cluster of the lab. */
    NOT_FOUND("contoso.archive-connector.not-found", ErrorCategory.USER),
    /** A private property of a connector resource has a value the connector cannot use. */
    BAD_PROPERTY("contoso.archive-connector.bad-property", ErrorCategory.USER);

    private final String id;
    private final ErrorCategory category;

    ArchiveConnectorErrorCode(String id, ErrorCategory category) {
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

    /** An exception with this code. */
    public ExhaException exception(String message) {
        return new ExhaException(this, message);
    }
}
