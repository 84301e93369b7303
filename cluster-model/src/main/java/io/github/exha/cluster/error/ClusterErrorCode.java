package io.github.exha.cluster.error;

import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

import io.github.exha.core.error.ErrorCategory;
import io.github.exha.core.error.ErrorCode;

/**
 * Error codes of the cluster model. Where Windows has a number for the error, the exception carries it as a
 * {@link io.github.exha.core.error.NativeCode} (for example {@code NativeCode.win32(5018)}).
 */
public enum ClusterErrorCode implements ErrorCode {
    // Volumes and the filesystem (Win32 numbers in the Javadoc of each)
    /** ERROR_FILE_NOT_FOUND (2): no such file. */
    FILE_NOT_FOUND("cluster.fs.file-not-found", USER),
    /** ERROR_PATH_NOT_FOUND (3): a directory on the path does not exist. */
    PATH_NOT_FOUND("cluster.fs.path-not-found", USER),
    /** ERROR_ALREADY_EXISTS (183) / ERROR_FILE_EXISTS (80): the name is taken. */
    FILE_EXISTS("cluster.fs.file-exists", USER),
    /** ERROR_DIR_NOT_EMPTY (145): a directory to delete still holds entries. */
    DIRECTORY_NOT_EMPTY("cluster.fs.directory-not-empty", USER),
    /** ERROR_INVALID_NAME (123): characters Windows forbids, a reserved device name, or a path outside the volume. */
    INVALID_NAME("cluster.fs.invalid-name", USER),
    /**
     * ERROR_BAD_NETPATH (53): a UNC path ({@code \\server\share\x}); exha simulates the files of a host's own
     * volumes, not file sharing, so no network path is found.
     */
    BAD_NETPATH("cluster.fs.bad-netpath", USER),
    /** ERROR_FILENAME_EXCED_RANGE (206): a path longer than MAX_PATH. */
    NAME_TOO_LONG("cluster.fs.name-too-long", USER),
    /** ERROR_DISK_FULL (112): not enough free space on the volume. */
    DISK_FULL("cluster.fs.disk-full", STATE),
    /** ERROR_WRITE_PROTECT (19): the volume's disk is read-only (for example a replication target LUN). */
    WRITE_PROTECTED("cluster.fs.write-protected", STATE),
    /** ERROR_NOT_READY (21): the disk cannot be reached or is not ready. */
    DEVICE_NOT_READY("cluster.fs.device-not-ready", STATE),
    /** ERROR_UNRECOGNIZED_VOLUME (1005): the disk holds no filesystem exha recognises (or a corrupt one). */
    UNRECOGNIZED_VOLUME("cluster.fs.unrecognized-volume", STATE),
    /** ERROR_ACCESS_DENIED (5): a directory opened as a file, or a file as a directory. */
    ACCESS_DENIED("cluster.fs.access-denied", USER),
    /**
     * ERROR_SHARING_VIOLATION (32): another process has the file open (a mounted database's files held by the
     * Information Store), so it cannot be moved, renamed or deleted.
     */
    SHARING_VIOLATION("cluster.fs.sharing-violation", STATE),
    /** A volume operation in the wrong state (not mounted, mounted twice). */
    VOLUME_STATE("cluster.fs.volume-state", STATE),

    // Failover clustering (Win32 numbers from winerror.h)
    /** ERROR_RESOURCE_NOT_FOUND (5007). */
    RESOURCE_NOT_FOUND("cluster.resource-not-found", USER),
    /** ERROR_GROUP_NOT_FOUND (5013). */
    GROUP_NOT_FOUND("cluster.group-not-found", USER),
    /** ERROR_CLUSTER_NODE_NOT_FOUND. */
    NODE_NOT_FOUND("cluster.node-not-found", USER),
    /** ERROR_OBJECT_ALREADY_EXISTS (5010). */
    OBJECT_ALREADY_EXISTS("cluster.object-already-exists", USER),
    /** ERROR_DEPENDENCY_NOT_FOUND (5002, 0x138A). */
    DEPENDENCY_NOT_FOUND("cluster.dependency-not-found", USER),
    /** ERROR_DEPENDENCY_ALREADY_EXISTS (5003). */
    DEPENDENCY_ALREADY_EXISTS("cluster.dependency-already-exists", USER),
    /** A dependency that would close a cycle, or one across groups. */
    INVALID_DEPENDENCY("cluster.invalid-dependency", USER),
    /** ERROR_DEPENDENT_RESOURCE_EXISTS (5001): other resources depend on it. */
    DEPENDENT_RESOURCE_EXISTS("cluster.dependent-resource-exists", STATE),
    /** ERROR_RESOURCE_ONLINE (5019): the operation needs the resource offline. */
    RESOURCE_ONLINE("cluster.resource-online", STATE),
    /** ERROR_RESOURCE_NOT_ONLINE (5004). */
    RESOURCE_NOT_ONLINE("cluster.resource-not-online", STATE),
    /** ERROR_RESMON_ONLINE_FAILED (5018, 0x139A): the resource monitor could not bring it online. */
    RESMON_ONLINE_FAILED("cluster.resmon-online-failed", STATE),
    /** ERROR_INVALID_STATE (5023, 0x139F). */
    INVALID_STATE("cluster.invalid-state", STATE),
    /** ERROR_HOST_NODE_NOT_AVAILABLE (5005): no node may host it now. */
    HOST_NODE_NOT_AVAILABLE("cluster.host-node-not-available", STATE),
    /** ERROR_HOST_NODE_NOT_RESOURCE_OWNER (5015): the node is not a possible owner. */
    HOST_NODE_NOT_RESOURCE_OWNER("cluster.host-node-not-resource-owner", STATE),
    /** ERROR_CANT_EVICT_ACTIVE_NODE (5009). */
    CANT_EVICT_ACTIVE_NODE("cluster.cant-evict-active-node", STATE),
    /** The cluster service on this node has stopped (no quorum). */
    NO_QUORUM("cluster.no-quorum", STATE),
    /** An unknown resource type. */
    RESOURCE_TYPE_NOT_FOUND("cluster.resource-type-not-found", USER),
    /** ERROR_BAD_NETPATH (53) / ERROR_BAD_NET_NAME (67): a share's server or the share cannot be found. */
    BAD_NET_PATH("cluster.bad-net-path", STATE),
    /** ERROR_DUP_NAME (52): a cluster name that a computer or another cluster already uses. */
    DUPLICATE_NAME("cluster.duplicate-name", STATE),
    /** ERROR_CLUSTER_IPADDR_IN_USE (5057): the cluster IP address is in use. */
    IPADDR_IN_USE("cluster.ipaddr-in-use", STATE),
    /** A node that cannot be clustered: edition, missing feature, workgroup, other Windows version, or too many nodes. */
    NODE_NOT_ELIGIBLE("cluster.node-not-eligible", STATE),
    /** ERROR_BAD_ARGUMENTS (160): a native program's command line it cannot read (cacls). */
    BAD_ARGUMENTS("cluster.bad-arguments", USER),
    /** A bug in the cluster model. */
    INTERNAL("cluster.internal", ErrorCategory.INTERNAL);

    private final String id;
    private final ErrorCategory category;

    ClusterErrorCode(String id, ErrorCategory category) {
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
