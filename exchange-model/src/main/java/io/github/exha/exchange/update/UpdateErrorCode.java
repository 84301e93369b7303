package io.github.exha.exchange.update;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/** Error codes of Exchange 2003 service packs, hotfixes and the Upgrade Exchange Virtual Server action. */
public enum UpdateErrorCode implements ErrorCode {
    /** A prerequisite of a service pack or hotfix is missing (hotfix 831464, a restart, the binaries it updates). */
    PREREQUISITE_FAILED("exchange.update.prerequisite-failed", ErrorCategory.STATE),
    /** An update package or service pack that is not for this computer (platform, product or an older build). */
    NOT_APPLICABLE("exchange.update.not-applicable", ErrorCategory.USER),
    /**
     * Cluster Administrator offers no Upgrade Exchange Virtual Server action: it runs on a node that has not been
     * upgraded or on a computer outside the cluster, or the virtual server is on a node that has not been upgraded.
     */
    ACTION_UNAVAILABLE("exchange.update.action-unavailable", ErrorCategory.STATE),
    /**
     * Upgrade Exchange Virtual Server failed with c1037b44: the virtual server is not on a node with the most recent
     * service pack, or its Exchange resources are not all offline with its IP Address, Network Name and disks online.
     */
    UPGRADE_FAILED("exchange.update.upgrade-failed", ErrorCategory.STATE),
    /** A server that is not an Exchange Virtual Server, or a computer that is not running. */
    INVALID_TARGET("exchange.update.invalid-target", ErrorCategory.USER);

    private final String id;
    private final ErrorCategory category;

    UpdateErrorCode(String id, ErrorCategory category) {
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
