package io.github.exha.cluster.validation;

import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/**
 * Error codes of cluster validation: the request is refused before any test runs. A validation whose tests fail is
 * not an error; its report says so.
 */
public enum ValidationErrorCode implements ErrorCode {
    /** Neither nodes nor a cluster were named, so there is nothing to validate. */
    NO_NODES("cluster.validation.no-nodes", USER),
    /** A node name that is no host of the lab. */
    UNKNOWN_NODE("cluster.validation.unknown-node", USER),
    /** A cluster name that is no cluster of the lab. */
    UNKNOWN_CLUSTER("cluster.validation.unknown-cluster", USER),
    /** More nodes than a Windows Server 2008 failover cluster can have (16). */
    TOO_MANY_NODES("cluster.validation.too-many-nodes", USER),
    /** An {@code -Include} or {@code -Ignore} name that is neither a category nor a test. */
    UNKNOWN_TEST("cluster.validation.unknown-test", USER),
    /** {@code -Include} and {@code -Ignore} name the same category or test. */
    INCLUDE_IGNORE_CONFLICT("cluster.validation.include-ignore-conflict", USER),
    /** The selection leaves no test to run. */
    NOTHING_SELECTED("cluster.validation.nothing-selected", USER),
    /** The session's host cannot run the tool: validation arrived with Windows Server 2008. */
    NOT_AVAILABLE("cluster.validation.not-available", USER);

    private final String id;
    private final ErrorCategory category;

    ValidationErrorCode(String id, ErrorCategory category) {
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
