package io.github.exha.cluster.host;

import io.github.exha.cluster.storage.StorageFabric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.storage.LabStorageContext;
import io.github.exha.core.error.ErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageProviders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class HostTest {
    private static final Instant START = Instant.parse("2008-03-01T08:00:00Z");
    private static final long GB = 1L << 30;
    private static final OperatingSystem W2003_ENT = new OperatingSystem(WindowsVersion.WINDOWS_SERVER_2003,
            WindowsEdition.ENTERPRISE, 2, Architecture.X64);
    private static final OperatingSystem W2008_ENT = new OperatingSystem(WindowsVersion.WINDOWS_SERVER_2008,
            WindowsEdition.ENTERPRISE, 1, Architecture.X64);
    private static final OperatingSystem W2008_STD = new OperatingSystem(WindowsVersion.WINDOWS_SERVER_2008,
            WindowsEdition.STANDARD, 1, Architecture.X64);

    private final Kernel kernel = Kernel.create("hosts", 1, START);
    private final StorageFabric fabric = new StorageFabric();
    private final StorageArray san = array("SAN-MAIN");

    private StorageArray array(String name) {
        StorageArray array = StorageProviders.find(getClass().getClassLoader(), "sim")
                .createArray(ArraySpec.of(name, "Production", name + "-01", 1024 * GB), new LabStorageContext(kernel, name));
        fabric.add(array);
        return array;
    }

    private Host host(String name, OperatingSystem os, String... features) {
        String initiator = "iqn.2008-03.com.contoso:" + name.toLowerCase(java.util.Locale.ROOT);
        for (StorageArray array : fabric.arrays()) {
            array.addHost(new HostSpec(name, List.of(initiator)));
        }
        return new Host(new HostConfiguration(name, "Production", "contoso.com", null, os, List.of(features),
                List.of("KB921181"), List.of(initiator), List.of(new Nic("Public", "Public", "192.168.10.11", 24))),
                fabric, kernel);
    }

    private Disk presented(Host host, String lun, long size) {
        san.createLun(LunSpec.of(lun, size));
        san.present(lun, host.name());
        return host.disk(new LunRef("SAN-MAIN", lun));
    }

    private Volume formatted(Host host, String lun, char drive) {
        Disk disk = presented(host, lun, GB);
        return kernel.operations().await(host.formatVolume(disk, new DriveLetter(drive), lun));
    }

    private static void write(Volume volume, String path, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        volume.createFile(path);
        volume.append(path, bytes, 0, bytes.length);
    }

    private static ExhaException failure(Executable call) {
        return catchThrowableOfType(ExhaException.class, () -> {
            try {
                call.execute();
            } catch (java.util.concurrent.CompletionException e) {
                // A failed acknowledgement surfaces through the future; the error is its cause.
                throw e.getCause();
            }
        });
    }

    private static void assertError(ExhaException e, ErrorCode code, String nativeDisplay, String... parts) {
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        if (nativeDisplay != null) {
            assertThat(e.nativeCode()).hasValueSatisfying(n -> assertThat(n.display()).isEqualTo(nativeDisplay));
        }
        for (String part : parts) {
            assertThat(e.getMessage()).contains(part);
        }
    }

    @Nested
    class Power {
        @Test
        void rebootTakesShutdownThenBootTimeAndTheVolumesComeBackWithTheirFiles() {
            Host node = host("NODE1", W2003_ENT);
            Volume f = formatted(node, "EXCH-DB", 'F');
            f.createDirectory("\\DB");
            write(f, "\\DB\\priv1.edb", "pages");
            List<PowerTransition> seen = new ArrayList<>();
            node.onPowerTransition(seen::add);

            Operation<Void> reboot = node.reboot();
            assertThat(node.powerState()).isEqualTo(PowerState.SHUTTING_DOWN);
            assertThat(node.volumes()).isEmpty();
            kernel.operations().await(reboot);

            assertThat(reboot.completedAt()).isEqualTo(START.plus(Host.SHUTDOWN_TIME).plus(Host.BOOT_TIME));
            assertThat(node.powerState()).isEqualTo(PowerState.ON);
            assertThat(node.volumes()).containsOnlyKeys(DriveLetter.SYSTEM, new DriveLetter('F'));
            assertThat(node.volume("f:").size("\\DB\\priv1.edb")).isEqualTo(5);
            assertThat(seen).extracting(PowerTransition::to)
                    .containsExactly(PowerState.SHUTTING_DOWN, PowerState.OFF, PowerState.BOOTING, PowerState.ON);
        }

        @Test
        void crashDismountsAtOnceWithoutWritingAndPowerOnRemountsAfterTheBootTime() {
            Host node = host("NODE1", W2003_ENT);
            Volume f = formatted(node, "EXCH-DB", 'F');
            write(f, "\\E00.log", "log");

            node.crash();

            assertThat(node.powerState()).isEqualTo(PowerState.CRASHED);
            assertThat(f.isMounted()).isFalse();
            assertThat(node.volumes()).isEmpty();
            assertThat(node.disks()).isEmpty();
            assertError(failure(() -> node.volume("F:")), HostErrorCode.HOST_NOT_RUNNING, "1722 (0x6BA)", "NODE1 is crashed");

            Operation<Void> on = node.powerOn();
            kernel.scheduler().runFor(Host.BOOT_TIME.minusSeconds(1));
            assertThat(node.powerState()).isEqualTo(PowerState.BOOTING);
            kernel.operations().await(on);
            assertThat(on.completedAt()).isEqualTo(START.plus(Host.BOOT_TIME));
            assertThat(node.volume("F:").exists("\\E00.log")).isTrue();
        }

        @Test
        void crashDuringBootFailsTheBootAndPowerOffOfACrashedHostIsImmediate() {
            Host node = host("NODE1", W2003_ENT);
            kernel.operations().await(node.powerOff());
            assertThat(node.powerState()).isEqualTo(PowerState.OFF);
            Operation<Void> boot = node.powerOn();

            node.crash();

            assertThat(boot.isFailed()).isTrue();
            assertThat(boot.failure().orElseThrow().getMessage()).contains("NODE1 crashed");
            Operation<Void> off = node.powerOff();
            assertThat(off.isDone()).isTrue();
            assertThat(node.powerState()).isEqualTo(PowerState.OFF);
        }

        @Test
        void powerOperationsRefusedInTransitionsAndIdempotentOtherwise() {
            Host node = host("NODE1", W2003_ENT);
            assertThat(node.powerOn().isDone()).isTrue();
            Operation<Void> off = node.powerOff();
            assertThat(node.powerOff()).isSameAs(off);
            assertError(failure(node::powerOn), HostErrorCode.INVALID_POWER_STATE, null, "is shutting down");
            kernel.operations().await(off);
            Operation<Void> on = node.powerOn();
            assertThat(node.powerOn()).isSameAs(on);
            assertError(failure(node::powerOff), HostErrorCode.INVALID_POWER_STATE, null, "is booting");
            assertError(failure(node::reboot), HostErrorCode.INVALID_POWER_STATE, null, "is booting");
        }

        @Test
        void powerChangesAreJournaledWithTheHostAsSource() {
            Host node = host("NODE1", W2003_ENT);
            kernel.operations().await(node.reboot());

            List<JournalEntry> power = kernel.journal().entries().stream()
                    .filter(e -> e.name().equals("host.power")).toList();
            assertThat(power).allSatisfy(e -> assertThat(e.source()).isEqualTo("NODE1"));
            assertThat(power).extracting(e -> e.attribute("to")).containsExactly("SHUTTING_DOWN", "OFF", "BOOTING", "ON");
        }
    }

    @Nested
    class FeaturesAndOs {
        @Test
        void serverManagerCmdInstallsOnceThenReportsAlreadyInstalled() {
            Host hub = host("HUB1", W2008_STD);
            for (String feature : List.of("Web-Server", "Web-ISAPI-Ext", "Web-Metabase", "Web-Lgcy-Mgmt-Console",
                    "Web-Basic-Auth", "Web-Windows-Auth")) {
                assertThat(hub.installFeature(feature)).isEqualTo(FeatureInstallation.INSTALLED);
            }
            assertThat(hub.installFeature("web-server")).isEqualTo(FeatureInstallation.ALREADY_INSTALLED);
            assertThat(hub.features()).hasSize(6).contains(ServerFeature.WEB_METABASE);
        }

        @Test
        void serverManagerCmdDoesNotExistOnWindows2003() {
            Host node = host("NODE1", W2003_ENT);
            assertError(failure(() -> node.installFeature("Web-Server")), HostErrorCode.COMMAND_NOT_AVAILABLE, "9009 (0x2331)",
                    "'ServerManagerCmd' is not recognized");
        }

        @Test
        void unknownFeatureIsAnErrorWithASuggestion() {
            Host node = host("NODE1", W2008_ENT);
            assertError(failure(() -> node.installFeature("Web-ISAPI-Extt")), HostErrorCode.UNKNOWN_FEATURE, null,
                    "Invalid role, role service, or feature: 'Web-ISAPI-Extt'", "Did you mean Web-ISAPI-Ext?");
        }

        @Test
        void failoverClusteringNeedsEnterpriseOrDatacenter() {
            Host hub = host("HUB1", W2008_STD);
            assertError(failure(() -> hub.installFeature("Failover-Clustering")), HostErrorCode.FEATURE_NOT_AVAILABLE, null,
                    "Enterprise or Datacenter");
            Host node = host("NODE2", W2008_ENT);
            assertThat(node.installFeature("Failover-Clustering")).isEqualTo(FeatureInstallation.INSTALLED);
            assertThat(node.hasFeature(ServerFeature.FAILOVER_CLUSTERING)).isTrue();
        }

        @Test
        void configurationRulesAreCheckedWhenBuilt() {
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new OperatingSystem(
                    WindowsVersion.WINDOWS_SERVER_2008, WindowsEdition.ENTERPRISE, 0, Architecture.X64)))
                    .hasMessageContaining("servicePack must be between 1 and 2 for Windows Server 2008");
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new HostConfiguration("HUB1", "P", null,
                    null, W2008_STD, List.of("Failover-Clustering"), null, null, null)))
                    .hasMessageContaining("not available on Windows Server 2008 Standard x64 Edition Service Pack 1");
            assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new HostConfiguration("THIS-NAME-IS-TOO-LONG",
                    "P", null, null, W2008_STD, null, null, null, null))).hasMessageContaining("1 to 15");
            HostConfiguration workgroup = new HostConfiguration("HUB1", "P", null, null, W2008_STD, null,
                    List.of("kb950050", "921181"), null, null);
            assertThat(workgroup.workgroup()).isEqualTo("WORKGROUP");
            assertThat(workgroup.hotfixes()).containsExactly("KB921181", "KB950050");
        }

        @Test
        void hotfixesInstallOnce() {
            Host node = host("NODE1", W2003_ENT);
            assertThat(node.hasHotfix("921181")).isTrue();
            assertThat(node.installHotfix("KB831464")).isTrue();
            assertThat(node.installHotfix("kb831464")).isFalse();
            assertThat(node.hotfixes()).containsExactly("KB831464", "KB921181");
        }
    }

    @Nested
    class DisksAndVolumes {
        @Test
        void disksAppearWhenPresentedAndDisappearWhenHiddenKeepingNumbers() {
            Host node = host("NODE1", W2003_ENT);
            assertThat(node.disks()).isEmpty();
            san.createLun(LunSpec.of("B", GB));
            san.createLun(LunSpec.of("A", GB));
            san.present("B", "NODE1");
            san.present("A", "NODE1");
            assertThat(node.disks()).extracting(Disk::displayName, d -> d.lun().lun())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Disk 1", "A"), org.assertj.core.groups.Tuple.tuple("Disk 2", "B"));

            san.unpresent("A", "NODE1");
            assertThat(node.disks()).extracting(Disk::number).containsExactly(2);
            san.createLun(LunSpec.of("C", GB));
            san.present("C", "NODE1");
            // The freed number is reused, as Windows does.
            assertThat(node.disk(1).lun().lun()).isEqualTo("C");
            assertError(failure(() -> node.disk(7)), HostErrorCode.DISK_NOT_FOUND, null, "The disk you specified is not valid.");
        }

        @Test
        void driveLettersMustBeFreeAndCIsTheSystemVolume() {
            Host node = host("NODE1", W2003_ENT);
            formatted(node, "DB", 'F');
            Disk log = presented(node, "LOG", GB);
            assertError(failure(() -> node.formatVolume(log, DriveLetter.SYSTEM, "LOG")), HostErrorCode.DRIVE_LETTER_IN_USE, null,
                    "not free to be assigned", "the system volume");
            assertError(failure(() -> node.formatVolume(log, new DriveLetter('f'), "LOG")), HostErrorCode.DRIVE_LETTER_IN_USE, null,
                    "volume 'DB'");
            Disk db = node.disk(new LunRef("SAN-MAIN", "DB"));
            assertError(failure(() -> node.mountVolume(db, new DriveLetter('H'))), HostErrorCode.DISK_IN_USE, null, "mounted on F:");
            assertThat(node.volume("C:").label()).isEqualTo(Host.SYSTEM_LABEL);
        }

        @Test
        void mountingAnUnformattedDiskIsUnrecognizedAndAFormattedOneMountsOnAnotherHost() {
            Host node1 = host("NODE1", W2003_ENT);
            Host node2 = host("NODE2", W2003_ENT);
            Disk raw = presented(node1, "RAW", GB);
            assertError(failure(() -> node1.mountVolume(raw, new DriveLetter('R'))), ClusterErrorCode.UNRECOGNIZED_VOLUME,
                    "1005 (0x3ED)");

            Volume f = formatted(node1, "DB", 'F');
            write(f, "\\a.txt", "hello");
            node1.dismountVolume(new DriveLetter('F'));
            san.present("DB", "NODE2");
            Volume moved = node2.mountVolume(node2.disk(new LunRef("SAN-MAIN", "DB")), new DriveLetter('F'));
            assertThat(moved.size("\\a.txt")).isEqualTo(5);
        }

        @Test
        void dismountedVolumeIsForgottenAcrossReboot() {
            Host node = host("NODE1", W2003_ENT);
            formatted(node, "DB", 'F');
            node.dismountVolume(new DriveLetter('F'));
            kernel.operations().await(node.reboot());
            assertThat(node.volumes()).containsOnlyKeys(DriveLetter.SYSTEM);
        }

        @Test
        void hiddenDiskLosesItsVolumeUntilItIsPresentedAgainAndTheHostReboots() {
            Host node = host("NODE1", W2003_ENT);
            formatted(node, "DB", 'F');
            san.unpresent("DB", "NODE1");
            assertThat(node.disks()).isEmpty();
            assertThat(node.volumes()).containsOnlyKeys(DriveLetter.SYSTEM);
            san.present("DB", "NODE1");
            kernel.operations().await(node.reboot());
            assertThat(node.volumes()).containsKey(new DriveLetter('F'));
        }

        @Test
        void readOnlyLunRefusesFormatAndWritesWithWriteProtected() {
            Host node = host("NODE1", W2003_ENT);
            formatted(node, "DR-DB", 'F');
            node.dismountVolume(new DriveLetter('F'));
            san.setAccessState("DR-DB", AccessState.READ_ONLY);
            Disk disk = node.disk(new LunRef("SAN-MAIN", "DR-DB"));
            assertThat(disk.accessState()).isEqualTo(AccessState.READ_ONLY);

            Volume volume = node.mountVolume(disk, new DriveLetter('F'));
            ExhaException refused = failure(() -> {
                CompletableFuture<Void> created = volume.createFile("\\x");
                created.join();
            });
            assertError(refused, ClusterErrorCode.WRITE_PROTECTED, "19 (0x13)", "The media is write protected.");
            node.dismountVolume(new DriveLetter('F'));
            assertError(failure(() -> kernel.operations().await(node.formatVolume(disk, new DriveLetter('F'), "X"))),
                    ClusterErrorCode.WRITE_PROTECTED, "19 (0x13)");
        }
    }

    @Nested
    class Paths {
        @Test
        void windowsPathsResolveThroughTheHostIgnoringDriveCase() {
            Host node = host("NODE1", W2003_ENT);
            Volume f = formatted(node, "DB", 'F');
            f.createDirectory("\\DB");

            WindowsPath path = node.resolve("f:\\DB\\Mailbox Database.edb");
            assertThat(path.volume()).isSameAs(f);
            assertThat(path.drive()).isEqualTo(new DriveLetter('F'));
            assertThat(path.path()).isEqualTo("\\DB\\Mailbox Database.edb");
            assertThat(path).hasToString("F:\\DB\\Mailbox Database.edb");
            assertThat(node.resolve("F:").path()).isEqualTo("\\");
            assertThat(node.resolve("F:/DB/x").path()).isEqualTo("\\DB\\x");
            assertThat(node.resolve("C:\\FSW_CCR_MAIL").volume()).isSameAs(node.volume("C"));
            // The same text again, once the volume is gone: the drive is looked up afresh.
            node.dismountVolume(new DriveLetter('F'));
            assertError(failure(() -> node.resolve("f:\\DB\\Mailbox Database.edb")), ClusterErrorCode.PATH_NOT_FOUND,
                    "3 (0x3)", "has no drive F:");
        }

        @Test
        void hostilePathsStayInsideTheSimulatedVolumesOrFailAsWindowsDoes() {
            Host node = host("NODE1", W2003_ENT);
            Volume f = formatted(node, "DB", 'F');
            Volume c = node.volume("C");
            // ".." stops at the root, so these name files on the simulated C: and F:, never the machine's.
            WindowsPath escape = node.resolve("C:\\..\\..\\..\\etc\\passwd");
            assertThat(escape.volume()).isSameAs(c);
            assertError(failure(() -> c.size(escape.path())), ClusterErrorCode.PATH_NOT_FOUND, "3 (0x3)",
                    "The system cannot find the path specified.");
            f.createDirectory("\\Windows").join();
            assertThat(f.exists(node.resolve("F:\\..\\..\\Windows\\.").path())).isTrue();
            // Rooted without a drive: the current drive, C: in a session.
            assertThat(node.resolve("/etc/passwd")).hasToString("C:\\etc\\passwd");
            assertThat(node.resolve("\\etc\\passwd").volume()).isSameAs(c);
            // Win32's namespace prefixes name the same file; other device paths are not files.
            assertThat(node.resolve("\\\\?\\F:\\x").volume()).isSameAs(f);
            assertThat(node.resolve("\\\\.\\f:\\x")).hasToString("F:\\x");
            for (String device : List.of("\\\\.\\PhysicalDrive0", "\\\\?\\Volume{0}\\x", "\\\\.\\CON")) {
                assertError(failure(() -> node.resolve(device)), ClusterErrorCode.INVALID_NAME, "123 (0x7B)",
                        "names a device");
            }
            for (String unc : List.of("\\\\server\\share\\x", "//127.0.0.1/c$/Windows", "\\\\?\\UNC\\server\\share")) {
                assertError(failure(() -> node.resolve(unc)), ClusterErrorCode.BAD_NETPATH, "53 (0x35)",
                        "The network path was not found.");
            }
            for (String relative : List.of("..\\..\\", "CON", "file:///etc/passwd", "~\\x", "%SystemRoot%\\x")) {
                assertError(failure(() -> node.resolve(relative)), ClusterErrorCode.INVALID_NAME, "123 (0x7B)");
            }
            // Names Windows refuses are refused by the volume with Windows' numbers.
            for (String bad : List.of("F:\\DB\\x.edb:stream", "C:\\x\u0000.txt", "C:\\aux\\x", "F:\\LPT1.txt")) {
                WindowsPath path = node.resolve(bad);
                assertError(failure(() -> path.volume().createFile(path.path())), ClusterErrorCode.INVALID_NAME,
                        "123 (0x7B)");
            }
            WindowsPath tooLong = node.resolve("C:\\" + "a\\".repeat(140));
            assertError(failure(() -> tooLong.volume().createDirectory(tooLong.path())), ClusterErrorCode.NAME_TOO_LONG,
                    "206 (0xCE)", "The filename or extension is too long.");
        }

        @Test
        void unknownDrivesFailAsWindowsDoes() {
            Host node = host("NODE1", W2003_ENT);
            assertError(failure(() -> node.resolve("Q:\\DB\\x.edb")), ClusterErrorCode.PATH_NOT_FOUND, "3 (0x3)",
                    "The system cannot find the path specified.");
            assertError(failure(() -> node.volume("Q:")), HostErrorCode.INVALID_DRIVE, "15 (0xF)",
                    "The system cannot find the drive specified.");
            assertError(failure(() -> node.volume("QQ")), HostErrorCode.INVALID_DRIVE, "15 (0xF)");
            assertError(failure(() -> node.resolve("DB\\x.edb")), ClusterErrorCode.INVALID_NAME, "123 (0x7B)");
        }

        @Test
        void theSystemVolumeHoldsAFileShareWitnessFolderAcrossCrashes() {
            Host hub = host("HUB1", W2008_STD);
            WindowsPath share = hub.resolve("C:\\FSW_CCR_MAIL");
            share.volume().createDirectory(share.path());
            hub.crash();
            kernel.operations().await(hub.powerOn());
            assertThat(hub.resolve("c:\\fsw_ccr_mail").volume().isDirectory("\\FSW_CCR_MAIL")).isTrue();
        }
    }
}
