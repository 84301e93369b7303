package io.github.exha.cluster.host;

import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Timer;
import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A simulated Windows server: its Windows installation, features and hotfixes, NICs, storage initiators, power
 * state, the SAN disks it sees and the volumes it has mounted on drive letters.
 *
 * <p>Power. {@link #powerOff()}, {@link #powerOn()} and {@link #reboot()} take virtual time ({@link #SHUTDOWN_TIME},
 * {@link #BOOT_TIME}); {@link #crash()} is immediate. Volumes are mounted only while the host is {@link PowerState#ON};
 * a shutdown or a crash dismounts them (a crash writes nothing more: the filesystem is crash-consistent), and the
 * next boot mounts again the volumes the host had, as Windows remembers its drive letters. Every state change is
 * journaled with the host's name as source.
 *
 * <p>Disks. The host sees as disks the LUNs that the lab's arrays present to it (LUN masking through the storage
 * SPI), numbered Disk 1, Disk 2... in the order first seen: at boot, sorted by array then LUN name; a LUN presented
 * later takes the lowest free number, and a hidden LUN frees its number. Disk 0 is the local system disk holding
 * {@code C:}.
 *
 * <p>Paths. {@link #resolve(String)} maps {@code F:\DB\Mailbox Database.edb} to the volume and the path inside it;
 * drive letters are case-insensitive.
 *
 * <p>Like everything in a lab, a host is confined to the lab's thread.
 */
public final class Host {
    /** CHOICE: time from power-on (or the restart of a reboot) until Windows and its services run: 3 minutes. */
    public static final Duration BOOT_TIME = Duration.ofMinutes(3);
    /** CHOICE: time an orderly shutdown takes, services stopping, until power is off: 1 minute. */
    public static final Duration SHUTDOWN_TIME = Duration.ofMinutes(1);
    /** Copying a file between volumes reads and writes this many bytes at a time; holes of that size stay holes. */
    private static final int COPY_PIECE = 64 * 1024;
    // How many path readings resolve() keeps (the folders and files a lab's services use fit many times over).
    private static final int PARSED_PATHS_KEPT = 256;
    /** The label of every host's system volume, {@code C:}. */
    public static final String SYSTEM_LABEL = "System";

    private static final Comparator<LunRef> LUN_ORDER = Comparator.comparing(LunRef::array).thenComparing(LunRef::lun);

    private final HostConfiguration configuration;
    private final StorageFabric fabric;
    private final Kernel kernel;
    private final SystemDisk systemDisk;
    private final TreeSet<ServerFeature> features = new TreeSet<>();
    private final TreeSet<Integer> hotfixes = new TreeSet<>();
    private final TreeMap<LunRef, Integer> diskNumbers = new TreeMap<>(LUN_ORDER);
    /** The SAN volumes the host has on drive letters, remembered across power cycles like Windows' mount manager. */
    private final TreeMap<DriveLetter, LunRef> assignments = new TreeMap<>();
    private final TreeMap<DriveLetter, Volume> mounted = new TreeMap<>();
    // Paths resolve() read, by their text (see there); at most PARSED_PATHS_KEPT.
    private final Map<String, ParsedPath> parsedPaths = new HashMap<>();
    private final List<Consumer<PowerTransition>> listeners = new ArrayList<>();
    private final FileSharing sharing;
    private PowerState power = PowerState.ON;
    private Operation<Void> powerOperation;
    private Timer powerTimer;

    /**
     * A running host: its system disk is formatted and mounted as {@code C:}; no SAN volume is mounted yet.
     *
     * @param configuration what the host is
     * @param fabric the arrays it may see LUNs on
     * @param kernel the lab's kernel, for time, operations and the journal
     */
    public Host(HostConfiguration configuration, StorageFabric fabric, Kernel kernel) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.fabric = Objects.requireNonNull(fabric, "fabric");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.sharing = new FileSharing(this, kernel.journal());
        configuration.features().forEach(id -> features.add(ServerFeature.of(id).orElseThrow()));
        configuration.hotfixes().forEach(kb -> hotfixes.add(HostConfiguration.hotfixNumber(name(), kb)));
        this.systemDisk = new SystemDisk(configuration.name());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("os", configuration.os().caption());
        attributes.put("site", configuration.site());
        attributes.put("power", power.name());
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, name(), "host.created", attributes);
        CompletableFuture<Void> format = Volume.format(systemDisk, SYSTEM_LABEL);
        // The local disk acknowledges every write at once, so the format is complete here.
        if (!format.isDone() || format.isCompletedExceptionally()) {
            throw new ExhaException(ClusterErrorCode.INTERNAL, "formatting the system disk of " + name() + " did not complete");
        }
        mountSystemVolume();
    }

    // ---- identity ------------------------------------------------------------------------------------------

    /** The computer name. */
    public String name() {
        return configuration.name();
    }

    /** The site it stands in. */
    public String site() {
        return configuration.site();
    }

    /** The Active Directory domain it is a member of, if any. */
    public Optional<String> domain() {
        return Optional.ofNullable(configuration.domain());
    }

    /** The workgroup of a host that is no domain member. */
    public Optional<String> workgroup() {
        return Optional.ofNullable(configuration.workgroup());
    }

    /** {@code NODE1.contoso.com}, or the bare name for a workgroup host. */
    public String fqdn() {
        return configuration.fqdn();
    }

    /** The Windows installation. */
    public OperatingSystem os() {
        return configuration.os();
    }

    /** What the host was built as (features and hotfixes as built, not as installed since). */
    public HostConfiguration configuration() {
        return configuration;
    }

    /** The NICs. */
    public List<Nic> nics() {
        return configuration.nics();
    }

    /** The storage initiator names (IQNs or WWPNs). */
    public List<String> initiators() {
        return configuration.initiators();
    }

    // ---- features and hotfixes -----------------------------------------------------------------------------

    /** The installed features, sorted. */
    public Set<ServerFeature> features() {
        return Collections.unmodifiableSet(new TreeSet<>(features));
    }

    /** Whether {@code feature} is installed. */
    public boolean hasFeature(ServerFeature feature) {
        return features.contains(feature);
    }

    /**
     * {@code ServerManagerCmd -i <name>}: installs a feature. Installing one that is installed is not an error: it
     * reports {@link FeatureInstallation#ALREADY_INSTALLED}, as ServerManagerCmd reports "NoChange".
     *
     * @throws ExhaException {@code COMMAND_NOT_AVAILABLE} before Windows Server 2008 (ServerManagerCmd does not
     *     exist there); {@code UNKNOWN_FEATURE} for a name ServerManagerCmd does not know; {@code FEATURE_NOT_AVAILABLE}
     *     for Failover-Clustering on Standard edition; {@code HOST_NOT_RUNNING} when the host is not on
     */
    public FeatureInstallation installFeature(String featureName) {
        requireRunning();
        if (!os().version().hasServerManagerCmd()) {
            throw new ExhaException(HostErrorCode.COMMAND_NOT_AVAILABLE, "'ServerManagerCmd' is not recognized as an"
                    + " internal or external command, operable program or batch file. (" + name() + " runs "
                    + os().caption() + "; ServerManagerCmd exists from Windows Server 2008 on)", NativeCode.win32(9009));
        }
        ServerFeature feature = ServerFeature.of(featureName).orElseThrow(() -> new ExhaException(
                HostErrorCode.UNKNOWN_FEATURE, "ArgumentNotValid: Invalid role, role service, or feature: '" + featureName
                        + "'." + NearestNames.didYouMean(String.valueOf(featureName), HostConfiguration.featureIds(), "")));
        if (!feature.isAvailableOn(os())) {
            throw new ExhaException(HostErrorCode.FEATURE_NOT_AVAILABLE, "The feature '" + feature.id()
                    + "' is not available on " + os().caption() + " (" + name() + "): failover clustering needs the"
                    + " Enterprise or Datacenter edition.");
        }
        if (!features.add(feature)) {
            return FeatureInstallation.ALREADY_INSTALLED;
        }
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, name(), "host.feature-installed", Map.of("feature", feature.id()));
        return FeatureInstallation.INSTALLED;
    }

    /** The installed hotfixes, {@code KB921181}, sorted by number. */
    public List<String> hotfixes() {
        return hotfixes.stream().map(number -> "KB" + number).toList();
    }

    /** Whether a hotfix ({@code KB921181} or {@code 921181}) is installed. */
    public boolean hasHotfix(String hotfix) {
        return hotfixes.contains(number(hotfix));
    }

    /**
     * Installs a hotfix.
     *
     * @return false when it was already installed
     * @throws ExhaException {@code INVALID_ARGUMENT} for a name that is not a KB number; {@code HOST_NOT_RUNNING}
     */
    public boolean installHotfix(String hotfix) {
        int number = number(hotfix);
        requireRunning();
        if (!hotfixes.add(number)) {
            return false;
        }
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, name(), "host.hotfix-installed", Map.of("hotfix", "KB" + number));
        return true;
    }

    private int number(String hotfix) {
        try {
            return HostConfiguration.hotfixNumber(name(), hotfix);
        } catch (IllegalArgumentException e) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    // ---- power -----------------------------------------------------------------------------------------------

    /** The power state. */
    public PowerState powerState() {
        return power;
    }

    /** Whether the host is on and running services. */
    public boolean isRunning() {
        return power == PowerState.ON;
    }

    /** Calls {@code listener} after every power state change, after earlier listeners (services use it). */
    public void onPowerTransition(Consumer<PowerTransition> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Shuts the host down in an orderly way: services stop and volumes are dismounted at once, power goes off after
     * {@link #SHUTDOWN_TIME}. Already off: done at once; shutting down: the shutdown in progress; crashed: power is
     * cut at once.
     *
     * @throws ExhaException {@code INVALID_POWER_STATE} while booting (wait for the boot, or crash it)
     */
    public Operation<Void> powerOff() {
        return switch (power) {
            case OFF -> done("power off " + name());
            case SHUTTING_DOWN -> powerOperation;
            case CRASHED -> {
                change(PowerState.OFF, "power cut");
                yield done("power off " + name());
            }
            case BOOTING -> throw refused("power off", "is booting; wait for it to start, or crash it");
            case ON -> {
                Operation<Void> operation = kernel.operations().create("power off " + name());
                shutDown("shutdown");
                powerOperation = operation;
                powerTimer = kernel.scheduler().schedule(SHUTDOWN_TIME, () -> {
                    change(PowerState.OFF, "shutdown complete");
                    finishPowerOperation();
                });
                operation.waitingFor(name() + " to finish shutting down");
                yield operation;
            }
        };
    }

    /**
     * Powers the host on: it boots for {@link #BOOT_TIME}, then mounts again the volumes it had and its services run.
     * Already on: done at once; booting: the boot in progress.
     *
     * @throws ExhaException {@code INVALID_POWER_STATE} while shutting down
     */
    public Operation<Void> powerOn() {
        return switch (power) {
            case ON -> done("power on " + name());
            case BOOTING -> powerOperation;
            case SHUTTING_DOWN -> throw refused("power on", "is shutting down; wait until it is off");
            case OFF, CRASHED -> {
                Operation<Void> operation = kernel.operations().create("power on " + name());
                powerOperation = operation;
                boot();
                yield operation;
            }
        };
    }

    /**
     * Restarts the host: an orderly shutdown ({@link #SHUTDOWN_TIME}), then a boot ({@link #BOOT_TIME}) after which
     * the volumes and services come back. Restarting a host that is off or crashed just boots it.
     *
     * @throws ExhaException {@code INVALID_POWER_STATE} while booting or shutting down
     */
    public Operation<Void> reboot() {
        return switch (power) {
            case BOOTING, SHUTTING_DOWN -> throw refused("restart", "is " + words(power) + "; wait until it is done");
            case OFF, CRASHED -> {
                Operation<Void> operation = kernel.operations().create("restart " + name());
                powerOperation = operation;
                boot();
                yield operation;
            }
            case ON -> {
                Operation<Void> operation = kernel.operations().create("restart " + name());
                powerOperation = operation;
                shutDown("restart");
                powerTimer = kernel.scheduler().schedule(SHUTDOWN_TIME, () -> {
                    change(PowerState.OFF, "restart");
                    boot();
                });
                operation.waitingFor(name() + " to shut down and boot");
                yield operation;
            }
        };
    }

    /**
     * Crashes the host at once (a blue screen, a power loss): volumes are dismounted without anything more being
     * written, services stop, and a power operation in progress fails. Nothing happens to a host that is off or
     * already crashed.
     */
    public void crash() {
        switch (power) {
            case OFF, CRASHED -> {
                return;
            }
            case ON, BOOTING, SHUTTING_DOWN -> {
                if (powerTimer != null) {
                    powerTimer.cancel();
                    powerTimer = null;
                }
                dismountAll("crash");
                change(PowerState.CRASHED, "crash");
                if (powerOperation != null && !powerOperation.isDone()) {
                    Operation<Void> interrupted = powerOperation;
                    powerOperation = null;
                    interrupted.fail(new ExhaException(HostErrorCode.INVALID_POWER_STATE, name() + " crashed before '"
                            + interrupted.description() + "' completed"));
                }
            }
        }
    }

    private void shutDown(String reason) {
        change(PowerState.SHUTTING_DOWN, reason);
        dismountAll(reason);
    }

    private void boot() {
        change(PowerState.BOOTING, "power on");
        powerOperation.waitingFor(name() + " to boot");
        powerTimer = kernel.scheduler().schedule(BOOT_TIME, () -> {
            powerTimer = null;
            startUp();
            finishPowerOperation();
        });
    }

    /** The end of a boot: Windows runs, rescans its disks and mounts the volumes it had. */
    private void startUp() {
        mountSystemVolume();
        // A boot enumerates disks afresh, in array and LUN order.
        diskNumbers.clear();
        rescan();
        for (Map.Entry<DriveLetter, LunRef> assignment : new ArrayList<>(assignments.entrySet())) {
            DriveLetter drive = assignment.getKey();
            LunRef lun = assignment.getValue();
            if (!diskNumbers.containsKey(lun)) {
                note("host.volume-missing", drive, lun, "the disk is not presented to " + name());
                continue;
            }
            try {
                Volume volume = Volume.mount(open(lun));
                mounted.put(drive, volume);
                volumeEvent("host.volume-mounted", drive, lun, volume.label());
            } catch (ExhaException e) {
                note("host.volume-missing", drive, lun, e.getMessage());
            }
        }
        // Listeners run last, with the volumes back, so services they start find their files.
        change(PowerState.ON, "boot complete");
    }

    private void finishPowerOperation() {
        powerTimer = null;
        Operation<Void> operation = powerOperation;
        powerOperation = null;
        if (operation != null && !operation.isDone()) {
            operation.complete(null);
        }
    }

    private void change(PowerState to, String reason) {
        PowerState from = power;
        power = to;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("from", from.name());
        attributes.put("to", to.name());
        attributes.put("reason", reason);
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, name(), "host.power", attributes);
        PowerTransition transition = new PowerTransition(name(), from, to);
        for (Consumer<PowerTransition> listener : List.copyOf(listeners)) {
            listener.accept(transition);
        }
    }

    private Operation<Void> done(String description) {
        Operation<Void> operation = kernel.operations().create(description);
        operation.complete(null);
        return operation;
    }

    private ExhaException refused(String what, String why) {
        return new ExhaException(HostErrorCode.INVALID_POWER_STATE, "Cannot " + what + " " + name() + ": it " + why + ".");
    }

    private static String words(PowerState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private void requireRunning() {
        if (power != PowerState.ON) {
            throw new ExhaException(HostErrorCode.HOST_NOT_RUNNING, "The RPC server is unavailable. (" + name() + " is "
                    + words(power) + ")", NativeCode.win32(1722));
        }
    }

    // ---- disks -----------------------------------------------------------------------------------------------

    /**
     * The SAN disks the host sees now, by number: LUNs presented to it on powered-on arrays. Looking rescans, as
     * Windows does on a masking change; a volume whose disk vanished is dismounted (and comes back at the next boot
     * if the disk does). Empty while the host is not running.
     */
    public List<Disk> disks() {
        if (power != PowerState.ON) {
            return List.of();
        }
        return rescan();
    }

    /**
     * Disk {@code number}.
     *
     * @throws ExhaException {@code DISK_NOT_FOUND} when the host sees no such disk
     */
    public Disk disk(int number) {
        return disks().stream().filter(disk -> disk.number() == number).findFirst()
                .orElseThrow(() -> diskNotFound("Disk " + number));
    }

    /**
     * The disk behind a LUN.
     *
     * @throws ExhaException {@code DISK_NOT_FOUND} when that LUN is not presented to the host
     */
    public Disk disk(LunRef lun) {
        return disks().stream().filter(disk -> disk.lun().equals(lun)).findFirst()
                .orElseThrow(() -> diskNotFound("LUN " + lun));
    }

    private ExhaException diskNotFound(String what) {
        return new ExhaException(HostErrorCode.DISK_NOT_FOUND, "The disk you specified is not valid. (" + name()
                + " sees no " + what + ")");
    }

    private List<Disk> rescan() {
        TreeMap<LunRef, LunInfo> visible = new TreeMap<>(LUN_ORDER);
        for (StorageArray array : fabric.arrays()) {
            if (!array.isPoweredOn()) {
                continue;
            }
            for (LunInfo lun : array.luns()) {
                if (lun.presentedTo().contains(name())) {
                    visible.put(lun.ref(), lun);
                }
            }
        }
        for (LunRef gone : new ArrayList<>(diskNumbers.keySet())) {
            if (!visible.containsKey(gone)) {
                diskNumbers.remove(gone);
                for (Map.Entry<DriveLetter, Volume> entry : new ArrayList<>(mounted.entrySet())) {
                    if (entry.getValue().device().lun().equals(gone)) {
                        entry.getValue().dismount();
                        mounted.remove(entry.getKey());
                        note("host.volume-lost", entry.getKey(), gone, "the disk is no longer presented to " + name());
                    }
                }
            }
        }
        for (LunRef lun : visible.keySet()) {
            if (!diskNumbers.containsKey(lun)) {
                TreeSet<Integer> used = new TreeSet<>(diskNumbers.values());
                int number = 1;
                while (used.contains(number)) {
                    number++;
                }
                diskNumbers.put(lun, number);
            }
        }
        List<Disk> disks = new ArrayList<>();
        diskNumbers.forEach((lun, number) -> {
            LunInfo info = visible.get(lun);
            disks.add(new Disk(number, lun, info.capacityBytes(), info.blockSize(), info.accessState()));
        });
        disks.sort(Comparator.comparingInt(Disk::number));
        return List.copyOf(disks);
    }

    private BlockDevice open(LunRef lun) {
        StorageArray array = fabric.array(lun.array()).orElseThrow(() -> diskNotFound("LUN " + lun));
        try {
            return array.open(lun.lun(), name());
        } catch (StorageException e) {
            throw storageRefused(e);
        }
    }

    private static ExhaException storageRefused(StorageException e) {
        return new ExhaException(HostErrorCode.STORAGE_REFUSED, e.getMessage(), null, null, e);
    }

    // ---- volumes ---------------------------------------------------------------------------------------------

    /**
     * Formats a disk with a new, empty filesystem and mounts it on {@code drive}. The operation completes once the
     * array acknowledged the format's writes (at once, unless the LUN replicates synchronously).
     *
     * @throws ExhaException {@code HOST_NOT_RUNNING}; {@code DISK_NOT_FOUND} when the disk is no longer seen;
     *     {@code DISK_IN_USE} when a volume on it is mounted; {@code DRIVE_LETTER_IN_USE}; the filesystem's
     *     WRITE_PROTECTED (19) for a read-only LUN, DEVICE_NOT_READY (21), INVALID_NAME (123) for a bad label
     */
    public Operation<Volume> formatVolume(Disk disk, DriveLetter drive, String label) {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(drive, "drive");
        BlockDevice device = prepareVolume(disk, drive);
        CompletableFuture<Void> format = Volume.format(device, label);
        Operation<Volume> operation = kernel.operations().create("format " + disk.displayName() + " (" + disk.lun()
                + ") as " + drive + " on " + name());
        operation.waitingFor("the array to acknowledge the format of " + disk.lun());
        format.whenComplete((ignored, failure) -> {
            if (failure != null) {
                operation.fail(exhaFailure(failure));
                return;
            }
            try {
                requireRunning();
                requireDriveFree(drive);
                operation.complete(mount(device, drive, disk.lun(), true));
            } catch (ExhaException e) {
                operation.fail(e);
            }
        });
        return operation;
    }

    /**
     * Creates a folder and any missing parents ({@code mkdir C:\FSW_CCR_MAIL}); the operation completes when the
     * volume's writes are acknowledged.
     *
     * @throws ExhaException FILE_EXISTS (183) when the folder or a file of that name exists; the path errors of
     *     {@link #resolve}
     */
    public Operation<Void> createDirectory(String windowsPath) {
        WindowsPath path = resolve(windowsPath);
        Volume volume = path.volume();
        if (volume.exists(path.path())) {
            throw new ExhaException(ClusterErrorCode.FILE_EXISTS, "A subdirectory or file " + windowsPath
                    + " already exists.", NativeCode.win32(183));
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        // The normal form, as cmd creates it: mkdir F:\a\..\b creates F:\b only, never F:\a.
        for (String part : Volume.normalize(path.path()).substring(1).split("\\\\")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append('\\').append(part);
            if (!volume.exists(prefix.toString())) {
                writes.add(volume.createDirectory(prefix.toString()));
            }
        }
        Operation<Void> operation = kernel.operations().create("mkdir " + path + " on " + name());
        operation.waitingFor("the disk to acknowledge the new folder");
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                operation.fail(exhaFailure(failure));
            } else {
                operation.complete(null);
            }
        });
        return operation;
    }

    /**
     * Moves a file or folder as MoveFileEx with MOVEFILE_COPY_ALLOWED does ({@code move}): within a volume it is a
     * rename (folders too); to another volume a file is copied and, once every write of the copy is acknowledged,
     * deleted from its source, while a folder cannot leave its volume. With {@code replaceExisting} a file at the
     * target is replaced; a folder there never is. The filesystem keeps no handles: whether another process has the
     * file open is for the caller to ask ({@link OpenFiles}). The operation completes when the volumes have
     * acknowledged every write.
     *
     * @throws ExhaException FILE_NOT_FOUND (2), PATH_NOT_FOUND (3); FILE_EXISTS (183) when the target is taken and
     *     not to be replaced; ACCESS_DENIED (5) for a folder to another volume or a folder at the target; DISK_FULL
     *     (112) when the target volume cannot take the file; the path errors of {@link #resolve}
     */
    public Operation<Void> moveFile(String fromPath, String toPath, boolean replaceExisting) {
        WindowsPath from = resolve(fromPath);
        WindowsPath to = resolve(toPath);
        Volume source = from.volume();
        Volume target = to.volume();
        boolean folder = source.isDirectory(from.path());
        long size = folder ? 0 : source.size(from.path()); // FILE_NOT_FOUND or PATH_NOT_FOUND for a missing source
        boolean sameFile = from.sameAs(to);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        if (!sameFile && target.exists(to.path())) {
            if (folder || target.isDirectory(to.path())) {
                throw new ExhaException(ClusterErrorCode.ACCESS_DENIED, "Access is denied. (" + to + " on " + name()
                        + " is a folder, or a folder cannot replace " + to + ")", NativeCode.win32(5));
            }
            if (!replaceExisting) {
                throw new ExhaException(ClusterErrorCode.FILE_EXISTS, "Cannot create a file when that file already "
                        + "exists. (" + to + " on " + name() + ")", NativeCode.win32(183));
            }
        }
        if (source != target) {
            if (folder) {
                throw new ExhaException(ClusterErrorCode.ACCESS_DENIED, "Access is denied. (the folder " + from
                        + " cannot be moved to another volume, " + to.drive() + " on " + name() + ")",
                        NativeCode.win32(5));
            }
            long replaced = target.exists(to.path()) ? target.size(to.path()) : 0;
            if (size > target.freeBytes() + replaced) {
                throw new ExhaException(ClusterErrorCode.DISK_FULL, "There is not enough space on the disk. ("
                        + to.drive() + " on " + name() + " has " + target.freeBytes() + " bytes free; " + from
                        + " holds " + size + ")", NativeCode.win32(112));
            }
        }
        Operation<Void> operation = kernel.operations().create("move " + from + " to " + to + " on " + name());
        operation.waitingFor("the disks to acknowledge the move");
        if (!sameFile && target.exists(to.path())) {
            writes.add(target.delete(to.path()));
        }
        CompletableFuture<Void> moved;
        if (source == target) {
            writes.add(source.rename(from.path(), to.path()));
            moved = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        } else {
            writes.addAll(copyFile(source, from.path(), size, target, to.path()));
            // The source goes only once its copy is durable, so a crash in between leaves both, never neither.
            moved = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .thenCompose(copied -> source.delete(from.path()));
        }
        moved.whenComplete((ignored, failure) -> {
            if (failure != null) {
                operation.fail(exhaFailure(failure));
            } else {
                operation.complete(null);
            }
        });
        return operation;
    }

    // Copies a file's bytes piece by piece; pieces that read as zeros stay holes, so sparse log files stay sparse.
    private static List<CompletableFuture<Void>> copyFile(Volume source, String from, long size, Volume target,
            String to) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        writes.add(target.createFile(to));
        byte[] piece = new byte[COPY_PIECE];
        for (long offset = 0; offset < size; offset += COPY_PIECE) {
            int length = source.read(from, offset, piece, 0, (int) Math.min(COPY_PIECE, size - offset));
            boolean zeros = true;
            for (int i = 0; i < length && zeros; i++) {
                zeros = piece[i] == 0;
            }
            if (!zeros || offset + length == size) {
                writes.add(target.write(to, offset, piece, 0, length));
            }
        }
        return writes;
    }

    /**
     * Mounts the filesystem a disk already holds on {@code drive} (reads only).
     *
     * @throws ExhaException {@code HOST_NOT_RUNNING}; {@code DISK_NOT_FOUND}; {@code DISK_IN_USE};
     *     {@code DRIVE_LETTER_IN_USE} (also for {@code C:}, the system volume); the filesystem's UNRECOGNIZED_VOLUME
     *     (1005) for a disk with no filesystem, DEVICE_NOT_READY (21)
     */
    public Volume mountVolume(Disk disk, DriveLetter drive) {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(drive, "drive");
        return mount(prepareVolume(disk, drive), drive, disk.lun(), true);
    }

    /**
     * Mounts a clustered disk's filesystem for the Physical Disk resource that owns it: as {@link #mountVolume}, but
     * the host does not remember the drive, because after a reboot only the cluster (the disk's owner) mounts it
     * again — Windows' cluster disk driver keeps other nodes off a shared disk.
     *
     * @throws ExhaException as {@link #mountVolume}
     */
    public Volume mountClusterVolume(Disk disk, DriveLetter drive) {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(drive, "drive");
        return mount(prepareVolume(disk, drive), drive, disk.lun(), false);
    }

    /**
     * Hands a volume mounted with {@link #mountVolume} over to the cluster, as {@link #mountClusterVolume} would have
     * mounted it: it stays mounted, but the host forgets the drive, so a reboot does not mount it again behind the
     * back of the node that owns the disk then (found by {@code exha chaos}: a node that crashed while owning a
     * topology-mounted shared disk mounted it again at boot and kept that stale view when the disk came back to it).
     */
    public void handOverToCluster(DriveLetter drive) {
        Objects.requireNonNull(drive, "drive");
        assignments.remove(drive);
    }

    /** The LUN behind a mounted drive letter, if a SAN volume is mounted there. */
    public Optional<LunRef> lunOn(DriveLetter drive) {
        Volume volume = mounted.get(drive);
        if (volume == null || drive.equals(DriveLetter.SYSTEM)) {
            return Optional.empty();
        }
        return Optional.of(volume.device().lun());
    }

    /**
     * Dismounts the volume on {@code drive} and frees the letter; the host forgets it (it does not come back at
     * boot). Writes nothing.
     *
     * @throws ExhaException {@code INVALID_DRIVE} (15) when nothing is mounted there; {@code DISK_IN_USE} for the
     *     system volume; {@code HOST_NOT_RUNNING}
     */
    public void dismountVolume(DriveLetter drive) {
        Objects.requireNonNull(drive, "drive");
        requireRunning();
        if (drive.equals(DriveLetter.SYSTEM)) {
            throw new ExhaException(HostErrorCode.DISK_IN_USE, "The system volume " + drive + " of " + name()
                    + " cannot be dismounted.");
        }
        Volume volume = volume(drive);
        volume.dismount();
        mounted.remove(drive);
        LunRef lun = volume.device().lun();
        assignments.remove(drive);
        volumeEvent("host.volume-dismounted", drive, lun, volume.label());
    }

    /** The host's shares and folder permissions ({@code net share}, {@code cacls}). */
    public FileSharing sharing() {
        return sharing;
    }

    /** The mounted volumes by drive letter, {@code C:} included; empty while the host is not running. */
    public SortedMap<DriveLetter, Volume> volumes() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(mounted));
    }

    /**
     * The volume on a drive ({@code F}, {@code f:}, {@code F:\}).
     *
     * @throws ExhaException {@code INVALID_DRIVE} (15) "The system cannot find the drive specified." when no volume
     *     is mounted there or the text is no drive; {@code HOST_NOT_RUNNING}
     */
    public Volume volume(String drive) {
        DriveLetter letter;
        try {
            letter = DriveLetter.parse(drive);
        } catch (IllegalArgumentException e) {
            throw invalidDrive(String.valueOf(drive));
        }
        return volume(letter);
    }

    /**
     * The volume on a drive.
     *
     * @throws ExhaException {@code INVALID_DRIVE} (15); {@code HOST_NOT_RUNNING}
     */
    public Volume volume(DriveLetter drive) {
        requireRunning();
        Volume volume = mounted.get(drive);
        if (volume == null) {
            throw invalidDrive(drive.toString());
        }
        return volume;
    }

    /**
     * Resolves a full Windows path on this host: {@code F:\DB\Mailbox Database.edb} gives the volume on {@code F:}
     * and {@code \DB\Mailbox Database.edb}. The drive letter is case-insensitive; {@code /} is a separator too; a
     * path inside the volume is checked by the volume when used ({@code ..} stops at the volume's root, as Win32
     * normalises it, so no path leaves its volume). Win32's own forms are accepted as Windows accepts them:
     * {@code \\?\F:\x} and {@code \\.\F:\x} name {@code F:\x}; a path rooted without a drive
     * ({@code \x}, {@code /etc/passwd}) is on the current drive, which is the system drive {@code C:} in a session.
     * Nothing here ever reaches the machine exha runs on.
     *
     * @throws ExhaException PATH_NOT_FOUND (3) "The system cannot find the path specified." when no volume has the
     *     drive letter; BAD_NETPATH (53) "The network path was not found." for a UNC path (file sharing is not
     *     simulated); INVALID_NAME (123) for a relative path (exha keeps no current directory), a device path
     *     ({@code \\.\PhysicalDrive0}) or a malformed drive; {@code HOST_NOT_RUNNING}
     */
    public WindowsPath resolve(String windowsPath) {
        Objects.requireNonNull(windowsPath, "windowsPath");
        requireRunning();
        // Reading the text is a function of the text alone: the store and the replication service resolve the same
        // few folders many times a second, so readings are kept (the volume is still looked up each time).
        ParsedPath parsed = parsedPaths.get(windowsPath);
        if (parsed == null) {
            parsed = parse(windowsPath);
            if (parsedPaths.size() >= PARSED_PATHS_KEPT) {
                // Bounded: a runbook may resolve any number of distinct paths.
                parsedPaths.clear();
            }
            parsedPaths.put(windowsPath, parsed);
        }
        DriveLetter drive = parsed.drive();
        Volume volume = mounted.get(drive);
        if (volume == null) {
            throw new ExhaException(ClusterErrorCode.PATH_NOT_FOUND, "The system cannot find the path specified. ('"
                    + windowsPath + "': " + name() + " has no drive " + drive + ")", NativeCode.win32(3));
        }
        return new WindowsPath(drive, volume, parsed.inside());
    }

    /** A Windows path as {@link #resolve} reads it: its drive and the path inside the volume. */
    private record ParsedPath(DriveLetter drive, String inside) {
    }

    private ParsedPath parse(String windowsPath) {
        String path = windowsPath.strip().replace('/', '\\');
        if (path.startsWith("\\\\?\\UNC\\") || (path.startsWith("\\\\") && !path.startsWith("\\\\?\\")
                && !path.startsWith("\\\\.\\"))) {
            throw new ExhaException(ClusterErrorCode.BAD_NETPATH, "The network path was not found. ('" + windowsPath
                    + "' on " + name() + " is a network path; exha simulates the files of each host's own volumes,"
                    + " not file sharing)", NativeCode.win32(53));
        }
        if (path.startsWith("\\\\?\\") || path.startsWith("\\\\.\\")) {
            // The Win32 namespace prefixes: \\?\C:\x and \\.\C:\x are C:\x; anything else is a device.
            path = path.substring(4);
            if (path.length() < 2 || path.charAt(1) != ':' || !isAsciiLetter(path.charAt(0))) {
                throw invalidName(windowsPath, "names a device, not a file or folder on a volume");
            }
        } else if (path.startsWith("\\")) {
            path = DriveLetter.SYSTEM + path;
        }
        if (path.length() < 2 || path.charAt(1) != ':' || !isAsciiLetter(path.charAt(0))) {
            throw invalidName(windowsPath, "is not a full path such as F:\\DB\\Mailbox Database.edb");
        }
        DriveLetter drive = new DriveLetter(path.charAt(0));
        // Each drive's current directory is its root here, so a drive-relative F:DB means F:\DB.
        String inside = path.substring(2);
        return new ParsedPath(drive, inside.startsWith("\\") ? inside : "\\" + inside);
    }

    private ExhaException invalidName(String windowsPath, String why) {
        return new ExhaException(ClusterErrorCode.INVALID_NAME, "The filename, directory name, or volume label"
                + " syntax is incorrect. ('" + windowsPath + "' on " + name() + " " + why + ")", NativeCode.win32(123));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private ExhaException invalidDrive(String drive) {
        return new ExhaException(HostErrorCode.INVALID_DRIVE, "The system cannot find the drive specified. (" + name()
                + " has no drive " + drive + ")", NativeCode.win32(15));
    }

    /** The checks common to format and mount; returns the opened device. */
    private BlockDevice prepareVolume(Disk disk, DriveLetter drive) {
        requireRunning();
        Disk seen = disk(disk.lun());
        requireDriveFree(drive);
        for (Map.Entry<DriveLetter, Volume> entry : mounted.entrySet()) {
            if (entry.getValue().device().lun().equals(seen.lun())) {
                throw new ExhaException(HostErrorCode.DISK_IN_USE, seen.displayName() + " (" + seen.lun() + ") of "
                        + name() + " is in use: its volume is mounted on " + entry.getKey() + ".");
            }
        }
        return open(seen.lun());
    }

    private void requireDriveFree(DriveLetter drive) {
        if (mounted.containsKey(drive) || drive.equals(DriveLetter.SYSTEM)) {
            String holder = drive.equals(DriveLetter.SYSTEM) ? "the system volume" : "volume '" + mounted.get(drive).label() + "'";
            throw new ExhaException(HostErrorCode.DRIVE_LETTER_IN_USE, "The specified drive letter is not free to be"
                    + " assigned. (" + drive + " on " + name() + " belongs to " + holder + ")");
        }
    }

    private Volume mount(BlockDevice device, DriveLetter drive, LunRef lun, boolean remember) {
        Volume volume = Volume.mount(device);
        mounted.put(drive, volume);
        if (remember) {
            assignments.put(drive, lun);
        }
        volumeEvent("host.volume-mounted", drive, lun, volume.label());
        return volume;
    }

    private void mountSystemVolume() {
        mounted.put(DriveLetter.SYSTEM, Volume.mount(systemDisk));
    }

    private void dismountAll(String reason) {
        for (Map.Entry<DriveLetter, Volume> entry : mounted.entrySet()) {
            entry.getValue().dismount();
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("drive", entry.getKey().toString());
            attributes.put("reason", reason);
            kernel.journal().append(JournalEntry.Type.STATE_CHANGE, name(), "host.volume-dismounted", attributes);
        }
        mounted.clear();
    }

    private void volumeEvent(String event, DriveLetter drive, LunRef lun, String label) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("drive", drive.toString());
        attributes.put("lun", String.valueOf(lun));
        attributes.put("label", label);
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, name(), event, attributes);
    }

    private void note(String event, DriveLetter drive, LunRef lun, String reason) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("drive", drive.toString());
        attributes.put("lun", lun.toString());
        attributes.put("reason", reason);
        kernel.journal().append(JournalEntry.Type.NOTE, name(), event, attributes);
    }

    private static ExhaException exhaFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ExhaException exha) {
            return exha;
        }
        if (cause instanceof StorageException storage) {
            return storageRefused(storage);
        }
        return new ExhaException(ClusterErrorCode.INTERNAL, "formatting failed unexpectedly: " + cause, null, null, cause);
    }

    @Override
    public String toString() {
        return "Host[" + name() + ", " + power + ", " + os().caption() + "]";
    }
}
