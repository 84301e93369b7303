package io.github.exha.cluster.resources;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.ResourceContext;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The "Physical Disk" resource type: a shared LUN a cluster node reserves and writes. It comes online only if its LUN
 * is presented to the node, READ_WRITE, on a powered array, and not reserved by another node; otherwise it fails
 * with ERROR_RESMON_ONLINE_FAILED (5018) and a message naming the array and the LUN — the failure at the heart of
 * seed 000, where the DR CMS's disks sit on read-only replicated LUNs. While online, LooksAlive and IsAlive notice a
 * LUN that was hidden, made read-only or lost, and the resource fails.
 *
 * <p>exha names a disk by the private properties {@value #ARRAY} and {@value #LUN} (Windows uses the disk signature,
 * which a simulated LUN does not have). With the private property {@value #DRIVE} set, the owner node mounts the
 * disk's volume on that drive letter when the resource comes online and dismounts it when it goes offline, so the
 * files on a shared disk follow the group (a node that does not own the disk never sees the volume).
 */
public final class PhysicalDiskType extends ClaimingResourceType {
    /** The type name. */
    public static final String NAME = "Physical Disk";
    /** Private property: the array holding the LUN. */
    public static final String ARRAY = "Array";
    /** Private property: the LUN's name on that array. */
    public static final String LUN = "Lun";
    /** Private property: the drive letter the owner mounts the disk's volume on ({@code F:}); optional. */
    public static final String DRIVE = "Drive";
    /** Disk arbitration (SCSI reserve) before the disk counts as online. CHOICE: Windows 2003 takes a few seconds. */
    public static final Duration ARBITRATION = Duration.ofSeconds(3);
    /** Journal entry: a node reserved a disk (attributes Array, Lun, node, resource). */
    public static final String DISK_RESERVED = "disk.reserved";
    /** Journal entry: a node released a disk. */
    public static final String DISK_RELEASED = "disk.released";
    /** Releasing the reservation. CHOICE. */
    public static final Duration RELEASE = Duration.ofMillis(500);

    private final StorageFabric fabric;
    private final Map<String, Host> hosts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    // "array/lun" -> the node holding the SCSI reservation: a disk is writable by at most one node.
    private final Map<String, String> reservations = new TreeMap<>();

    /** The type over the lab's arrays and hosts (the hosts mount the volumes of the disks they own). */
    @Inject
    public PhysicalDiskType(StorageFabric fabric, List<Host> hosts) {
        super(ARBITRATION, RELEASE);
        this.fabric = fabric;
        for (Host host : hosts) {
            this.hosts.put(host.name(), host);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The node holding the reservation of a LUN, if any (for invariant checks: one writer per disk). */
    public Optional<String> reservedBy(String array, String lun) {
        return Optional.ofNullable(reservations.get(array + "/" + lun));
    }

    @Override
    protected void claim(ResourceContext context) {
        check(context);
        Optional<DriveLetter> drive = drive(context);
        Host host = hosts.get(context.nodeName());
        LunRef lun = new LunRef(context.property(ARRAY, ""), context.property(LUN, ""));
        if (drive.isPresent() && host != null) {
            // Checked before reserving, so a refused mount leaves no reservation behind.
            Optional<LunRef> there = host.lunOn(drive.get());
            if (there.isEmpty()) {
                try {
                    host.mountClusterVolume(host.disk(lun), drive.get());
                } catch (ExhaException e) {
                    throw failure(context, "its volume cannot be mounted on " + drive.get() + ": " + e.getMessage());
                }
            } else if (!there.get().equals(lun)) {
                throw failure(context, "drive " + drive.get() + " is already used by LUN " + there.get());
            } else {
                // Mounted by the host itself (the topology's volumes): from now on only the disk's owner mounts it.
                host.handOverToCluster(drive.get());
            }
        }
        reserve(context);
    }

    private static Optional<DriveLetter> drive(ResourceContext context) {
        String text = context.property(DRIVE, "");
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DriveLetter.parse(text));
        } catch (IllegalArgumentException e) {
            throw failure(context, "its private property '" + DRIVE + "' is not a drive letter: " + text);
        }
    }

    @Override
    protected boolean healthy(ResourceContext context) {
        if (!context.nodeName().equals(reservations.get(diskKey(context)))) {
            return false;
        }
        try {
            check(context);
            return true;
        } catch (ExhaException e) {
            return false;
        }
    }

    private void reserve(ResourceContext context) {
        if (reservations.put(diskKey(context), context.nodeName()) == null) {
            journal(context, DISK_RESERVED);
        }
    }

    @Override
    protected void release(ResourceContext context) {
        Host host = hosts.get(context.nodeName());
        LunRef lun = new LunRef(context.property(ARRAY, ""), context.property(LUN, ""));
        String driveText = context.property(DRIVE, "");
        if (host != null && host.isRunning() && !driveText.isBlank() && reservations.containsKey(diskKey(context))
                && context.nodeName().equals(reservations.get(diskKey(context)))) {
            DriveLetter drive = DriveLetter.parse(driveText);
            if (host.lunOn(drive).map(lun::equals).orElse(false)) {
                host.dismountVolume(drive);
            }
        }
        if (reservations.remove(diskKey(context), context.nodeName())) {
            journal(context, DISK_RELEASED);
        }
    }

    // Journaled so invariant checkers can prove a disk is writable by at most one node at any time.
    private static void journal(ResourceContext context, String name) {
        context.kernel().journal().append(JournalEntry.Type.STATE_CHANGE, context.clusterName(), name,
                Map.of(ARRAY, context.property(ARRAY, ""), LUN, context.property(LUN, ""), "node", context.nodeName(),
                        "resource", context.resourceName()));
    }

    /** Everything that must hold for the node to own and write the LUN. */
    private void check(ResourceContext context) {
        String arrayName = property(context, ARRAY);
        String lunName = property(context, LUN);
        String node = context.nodeName();
        StorageArray array = fabric.array(arrayName).orElseThrow(() -> failure(context, "array '" + arrayName
                + "' is not in this lab"));
        if (!array.isPoweredOn()) {
            throw failure(context, "array '" + arrayName + "' holding LUN '" + lunName + "' cannot be reached (The"
                    + " device is not ready)");
        }
        LunInfo lun;
        try {
            lun = array.lun(lunName);
        } catch (StorageException e) {
            throw failure(context, "LUN '" + lunName + "' does not exist on array '" + arrayName + "'");
        }
        if (!lun.presentedTo().contains(node)) {
            throw failure(context, "LUN '" + lunName + "' on array '" + arrayName + "' is not presented to " + node
                    + " (the disk associated with the resource could not be found)");
        }
        switch (lun.accessState()) {
            case READ_ONLY -> throw failure(context, "LUN '" + lunName + "' on array '" + arrayName
                    + "' is read-only (The media is write protected)");
            case NOT_READY -> throw failure(context, "LUN '" + lunName + "' on array '" + arrayName
                    + "' is not ready (The device is not ready)");
            case READ_WRITE -> {
                // writable: the reservation decides
            }
        }
        String holder = reservations.get(diskKey(context));
        if (holder != null && !holder.equals(node)) {
            throw failure(context, "LUN '" + lunName + "' on array '" + arrayName + "' is reserved by " + holder
                    + " (The requested resource is in use)");
        }
    }

    private static String property(ResourceContext context, String name) {
        String value = context.property(name, "");
        if (value.isBlank()) {
            throw failure(context, "its private property '" + name + "' is not set");
        }
        return value;
    }

    private static String diskKey(ResourceContext context) {
        return context.property(ARRAY, "") + "/" + context.property(LUN, "");
    }

    private static ExhaException failure(ResourceContext context, String why) {
        return new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED, "The cluster resource could not be brought"
                + " online by the resource monitor: Physical Disk '" + context.resourceName() + "' on "
                + context.nodeName() + ": " + why + ".", NativeCode.win32(5018));
    }
}
