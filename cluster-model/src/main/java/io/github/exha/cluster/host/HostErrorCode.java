package io.github.exha.cluster.host;

import io.github.exha.cluster.error.ClusterErrorCode;
import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/**
 * Error codes of Windows hosts: power, features, disks, drive letters. Filesystem errors on a host's volumes keep the
 * filesystem's own {@link io.github.exha.cluster.error.ClusterErrorCode}s. Where Windows has a number, the exception
 * carries it as a {@link io.github.exha.core.error.NativeCode}.
 */
public enum HostErrorCode implements ErrorCode {
    /** A feature name ServerManagerCmd does not know ("ArgumentNotValid: Invalid role, role service, or feature"). */
    UNKNOWN_FEATURE("cluster.host.unknown-feature", USER),
    /** A feature the host's edition or version does not offer (Failover-Clustering on Standard edition). */
    FEATURE_NOT_AVAILABLE("cluster.host.feature-not-available", STATE),
    /** A tool that does not exist on the host's Windows version (ServerManagerCmd before Windows Server 2008). */
    COMMAND_NOT_AVAILABLE("cluster.host.command-not-available", USER),
    /** ERROR_INVALID_DRIVE (15): no volume has that drive letter. */
    INVALID_DRIVE("cluster.host.invalid-drive", USER),
    /** The drive letter is taken (by the system volume or another volume). */
    DRIVE_LETTER_IN_USE("cluster.host.drive-letter-in-use", STATE),
    /** The host sees no such disk. */
    DISK_NOT_FOUND("cluster.host.disk-not-found", USER),
    /** The disk already holds a mounted volume. */
    DISK_IN_USE("cluster.host.disk-in-use", STATE),
    /** RPC_S_SERVER_UNAVAILABLE (1722): the host is not running, so nothing can be done on it. */
    HOST_NOT_RUNNING("cluster.host.not-running", STATE),
    /** A power operation the host's power state does not allow. */
    INVALID_POWER_STATE("cluster.host.invalid-power-state", STATE),
    /** The storage array refused what the host asked (the array is off, the LUN is gone...). */
    STORAGE_REFUSED("cluster.host.storage-refused", STATE),
    /** NERR_DuplicateShare (2118): the share name is in use on the host. */
    SHARE_EXISTS("cluster.host.share-exists", STATE),
    /** NERR_NetNameNotFound (2310): no share of that name. */
    NO_SUCH_SHARE("cluster.host.no-such-share", USER),
    /** NERR_UnknownDevDir (2116): the folder to share or secure does not exist. */
    NO_SUCH_FOLDER("cluster.host.no-such-folder", USER),
    /** NERR_BadShareName-like (2103): a share name with a character Windows does not allow. */
    INVALID_SHARE_NAME("cluster.host.invalid-share-name", USER);

    private final String id;
    private final ErrorCategory category;

    HostErrorCode(String id, ErrorCategory category) {
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
