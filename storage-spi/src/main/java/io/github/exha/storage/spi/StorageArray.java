package io.github.exha.storage.spi;

import java.util.List;

/**
 * One simulated storage array: hosts and their initiators, LUNs with masking and access states, links to other arrays
 * and the consistency groups replicating over them. Every operation either succeeds or throws a
 * {@link StorageException} and leaves the array exactly as it was. While the array is powered off every operation
 * but {@link #powerOn()} and the read-only accessors fails with {@link StorageErrorCode#UNREACHABLE}.
 */
public interface StorageArray {
    /** The array's name. */
    String name();

    /** The site it stands in. */
    String site();

    /** Its serial number. */
    String serial();

    /** The vendor id of the plugin that made it. */
    String vendorId();

    /** Usable capacity. */
    long capacityBytes();

    /** Capacity not yet given to LUNs (LUNs reserve their full size; only written blocks take memory). */
    long freeBytes();

    // ---- hosts and masking -------------------------------------------------------------------------------

    /**
     * Registers a host and its initiators.
     *
     * @throws StorageException {@link StorageErrorCode#ALREADY_EXISTS}, {@link StorageErrorCode#UNREACHABLE}
     */
    void addHost(HostSpec host);

    /**
     * Removes a host.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND}, {@link StorageErrorCode#LUN_IN_USE} (a LUN is
     *     still presented to it), {@link StorageErrorCode#UNREACHABLE}
     */
    void removeHost(String host);

    /** The registered hosts, sorted by name. */
    List<HostSpec> hosts();

    /**
     * Presents a LUN to a host (LUN masking). Presenting twice is not an error.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND} (LUN or host), {@link StorageErrorCode#UNREACHABLE}
     */
    void present(String lun, String host);

    /**
     * Hides a LUN from a host. Hiding a LUN that is not presented is not an error.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND} (LUN or host), {@link StorageErrorCode#UNREACHABLE}
     */
    void unpresent(String lun, String host);

    // ---- LUNs ----------------------------------------------------------------------------------------------

    /**
     * Creates a LUN, READ_WRITE, presented to no host, reading as zeros.
     *
     * @throws StorageException {@link StorageErrorCode#ALREADY_EXISTS}, {@link StorageErrorCode#INSUFFICIENT_CAPACITY},
     *     {@link StorageErrorCode#UNREACHABLE}
     */
    LunInfo createLun(LunSpec spec);

    /**
     * Deletes a LUN and its data.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND}, {@link StorageErrorCode#LUN_IN_USE} (presented to a
     *     host, or in a replication pair), {@link StorageErrorCode#UNREACHABLE}
     */
    void deleteLun(String lun);

    /**
     * One LUN.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND}
     */
    LunInfo lun(String lun);

    /** Every LUN, sorted by name. */
    List<LunInfo> luns();

    /**
     * Sets a LUN's access state, as the array administrator does. On a replication target this is allowed only while
     * its group does not replicate (SUSPENDED, DISCONNECTED, SPLIT, FAILED_OVER or DISABLED); writes made on a target
     * made READ_WRITE are tracked, and the group then needs {@link ConsistencyGroup#resync} with a direction.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND}, {@link StorageErrorCode#INVALID_STATE} (a target
     *     of a group that is replicating), {@link StorageErrorCode#UNREACHABLE}
     */
    void setAccessState(String lun, AccessState state);

    /**
     * The LUN as {@code host} sees it. Masking, access and power are checked on each I/O, not here, so opening works
     * on a powered-off array (its I/O then fails with {@link StorageErrorCode#UNREACHABLE}).
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND} (LUN or host)
     */
    BlockDevice open(String lun, String host);

    // ---- replication ---------------------------------------------------------------------------------------

    /**
     * Connects this array to another with a replication link (both arrays then list it).
     *
     * @throws StorageException {@link StorageErrorCode#ALREADY_EXISTS} (a link of that name on either array),
     *     {@link StorageErrorCode#INVALID_ARGUMENT} (the same array), {@link StorageErrorCode#UNSUPPORTED_CAPABILITY}
     *     (the other array is another vendor's, or the plugin replicates in no mode),
     *     {@link StorageErrorCode#UNREACHABLE}
     */
    ReplicationLink connect(StorageArray remote, LinkSpec spec);

    /** The links of this array, sorted by name. */
    List<ReplicationLink> links();

    /**
     * Creates a consistency group with this array as its source. It starts DISABLED and empty.
     *
     * @throws StorageException {@link StorageErrorCode#UNSUPPORTED_CAPABILITY} (mode), {@link StorageErrorCode#NOT_FOUND}
     *     (link, or the link does not reach the target array), {@link StorageErrorCode#ALREADY_EXISTS},
     *     {@link StorageErrorCode#UNREACHABLE}
     */
    ConsistencyGroup createConsistencyGroup(GroupSpec spec);

    /**
     * A consistency group this array takes part in, as source or target.
     *
     * @throws StorageException {@link StorageErrorCode#NOT_FOUND}
     */
    ConsistencyGroup consistencyGroup(String name);

    /** The consistency groups this array takes part in, sorted by name. */
    List<ConsistencyGroup> consistencyGroups();

    // ---- faults ----------------------------------------------------------------------------------------------

    /**
     * Powers the array off (idempotent): I/O and management fail with {@link StorageErrorCode#UNREACHABLE},
     * unacknowledged writes fail, groups replicating from or to it go DISCONNECTED. Acknowledged data survives.
     */
    void powerOff();

    /** Powers the array on (idempotent). Groups stay DISCONNECTED until resumed. */
    void powerOn();

    /** Whether it is powered on. */
    boolean isPoweredOn();
}
