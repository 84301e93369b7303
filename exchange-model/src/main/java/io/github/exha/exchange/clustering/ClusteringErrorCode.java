package io.github.exha.exchange.clustering;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/** Error codes of the Exchange cluster resources and the clustered mailbox server cmdlets. */
public enum ClusteringErrorCode implements ErrorCode {
    /** A System Attendant could not come online (5018): the node already hosts an EVS or a CMS. */
    NODE_HOSTS_ANOTHER_SERVER("exchange.cluster.node-hosts-another-server", ErrorCategory.STATE),
    /** The node's Exchange binaries are older than the clustered server's build. */
    VERSION_MISMATCH("exchange.cluster.version-mismatch", ErrorCategory.STATE),
    /** Every node runs newer Exchange binaries than the CMS, which setup /UpgradeCMS has not upgraded. */
    CMS_NOT_UPGRADED("exchange.cluster.cms-not-upgraded", ErrorCategory.STATE),
    /** The node has no Exchange binaries for the clustered server. */
    NOT_INSTALLED("exchange.cluster.not-installed", ErrorCategory.STATE),
    /** The clustered server is not in a state that allows the operation. */
    WRONG_STATE("exchange.cluster.wrong-state", ErrorCategory.STATE),
    /** A target machine a clustered mailbox server cannot move to. */
    INVALID_TARGET("exchange.cluster.invalid-target", ErrorCategory.USER),
    /** A server that is not a clustered mailbox server. */
    NOT_CLUSTERED("exchange.cluster.not-clustered", ErrorCategory.USER),
    /** No Information Store is bound in the lab. */
    NO_INFORMATION_STORE("exchange.cluster.no-information-store", ErrorCategory.INTERNAL);

    private final String id;
    private final ErrorCategory category;

    ClusteringErrorCode(String id, ErrorCategory category) {
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
