package io.github.exha.cluster.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.BlockDevice;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class VolumeTest {
    private final San san = new San();

    private Volume fresh(String lun, long capacity) {
        BlockDevice device = san.lun(lun, capacity);
        Volume.format(device, "Exchange").join();
        return Volume.mount(device);
    }

    private static void assertWin32(ThrowingCallable call, ClusterErrorCode code, int win32, String text) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(ExhaException.class);
        ExhaException e = (ExhaException) thrown;
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.nativeCode()).hasValueSatisfying(n -> assertThat(n.number()).isEqualTo(win32));
        assertThat(e.getMessage()).startsWith(text);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int length, long seed) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    private static byte[] readAll(Volume volume, String path) {
        byte[] out = new byte[(int) volume.size(path)];
        assertThat(volume.read(path, 0, out, 0, out.length)).isEqualTo(out.length);
        return out;
    }

    @Test
    void formatThenMountGivesAnEmptyLabelledVolume() {
        Volume volume = fresh("L1", 64 * San.MiB);
        assertThat(volume.label()).isEqualTo("Exchange");
        assertThat(volume.list("\\")).isEmpty();
        assertThat(volume.totalBytes()).isEqualTo(64 * San.MiB);
        assertThat(volume.freeBytes()).isGreaterThan(60 * San.MiB).isLessThan(volume.totalBytes());
        assertThat(volume.exists("\\")).isTrue();
        assertThat(volume.isDirectory("")).isTrue();
    }

    @Test
    void preallocationTakesFreeSpaceAcrossARemountUntilTheFileIsDeletedAndAWriteIntoItReadsZerosBeforeTheData() {
        BlockDevice device = san.lun("L1", 64 * San.MiB);
        Volume.format(device, "Logs").join();
        Volume volume = Volume.mount(device);
        long free = volume.freeBytes();
        volume.createFile("\\filler.tmp").join();
        // Another process's stale bytes sit in the clusters the allocation will take.
        volume.createFile("\\old.bin").join();
        volume.append("\\old.bin", random(64 * 1024, 7), 0, 64 * 1024).join();
        volume.delete("\\old.bin").join();
        volume.preallocate("\\filler.tmp", free - 8192).join();
        assertThat(volume.size("\\filler.tmp")).isZero();
        assertThat(volume.freeBytes()).isEqualTo(8192);
        assertWin32(() -> volume.preallocate("\\filler.tmp", 3 * 4096), ClusterErrorCode.DISK_FULL, 112,
                "There is not enough space on the disk.");
        assertThat(Volume.mount(device).freeBytes()).as("the allocation is durable").isEqualTo(8192);
        // Writing past the allocation's first clusters keeps the allocation and reads zeros in the gap, not stale bytes.
        volume.write("\\filler.tmp", 10_000, bytes("tail"), 0, 4).join();
        byte[] content = readAll(volume, "\\filler.tmp");
        assertThat(content).hasSize(10_004);
        assertThat(java.util.Arrays.copyOfRange(content, 0, 10_000)).containsOnly((byte) 0);
        assertThat(volume.freeBytes()).isEqualTo(8192);
        volume.delete("\\filler.tmp").join();
        assertThat(volume.freeBytes()).isEqualTo(free);
        assertThat(Volume.mount(device).freeBytes()).isEqualTo(free);
    }

    @Test
    void unformattedOrCorruptDeviceIsUnrecognizedVolume1005() {
        BlockDevice blank = san.lun("BLANK", 16 * San.MiB);
        assertWin32(() -> Volume.mount(blank), ClusterErrorCode.UNRECOGNIZED_VOLUME, 1005,
                "The volume does not contain a recognized file system.");
        BlockDevice device = san.lun("L1", 16 * San.MiB);
        Volume.format(device, "DB").join();
        byte[] garbage = random(512, 1);
        device.write(0, garbage, 0, 512).join();
        assertWin32(() -> Volume.mount(device), ClusterErrorCode.UNRECOGNIZED_VOLUME, 1005, "The volume");
    }

    @Test
    void namesAreCaseInsensitiveCasePreservingAndListedSorted() {
        Volume volume = fresh("L1", 64 * San.MiB);
        volume.createDirectory("\\DB").join();
        volume.createFile("\\DB\\Mailbox Database.edb").join();
        volume.createFile("db/b.log").join();
        volume.createDirectory("DB\\a").join();
        volume.append("\\db\\MAILBOX DATABASE.EDB", bytes("header"), 0, 6).join();
        assertThat(volume.size("\\DB\\mailbox database.edb")).isEqualTo(6);
        assertThat(volume.list("\\Db")).containsExactly(new DirectoryEntry("a", true, 0),
                new DirectoryEntry("b.log", false, 0), new DirectoryEntry("Mailbox Database.edb", false, 6));
        assertThat(volume.exists("\\DB\\.\\x\\..\\B.LOG")).isTrue();
        assertThat(volume.isDirectory("\\db\\A")).isTrue();
        assertThat(volume.isDirectory("\\db\\b.log")).isFalse();
        assertThat(volume.exists("\\nowhere\\x")).isFalse();
    }

    @Test
    void dotDotAtTheRootStaysAtTheRootAsWin32NormalisesIt() {
        Volume volume = fresh("L1", 64 * San.MiB);
        assertWin32(() -> volume.createDirectory(".."), ClusterErrorCode.FILE_EXISTS, 183,
                "Cannot create a file when that file already exists.");
        volume.createFile("..\\..\\..\\etc\\..\\passwd").join();
        volume.createDirectory("\\a\\..\\..\\b").join();
        assertThat(volume.list("\\..\\..")).extracting(DirectoryEntry::name).containsExactly("b", "passwd");
        assertWin32(() -> volume.createFile("..\\..\\etc\\passwd"), ClusterErrorCode.PATH_NOT_FOUND, 3,
                "The system cannot find the path specified.");
    }

    @Test
    void pathRulesFollowWin32() {
        Volume volume = fresh("L1", 64 * San.MiB);
        for (String bad : List.of("a<b", "a>b", "a:b", "a\"b", "a|b", "a?b", "a*b", "a\u0001b", "CON", "con.txt",
                "\\DB\\LPT9.log", "Com1", "nul .edb", "...")) {
            assertWin32(() -> volume.createFile(bad), ClusterErrorCode.INVALID_NAME, 123,
                    "The filename, directory name, or volume label syntax is incorrect.");
        }
        volume.createFile("COM10.log").join();
        volume.createFile("trailing. . ").join();
        assertThat(volume.list("\\")).extracting(DirectoryEntry::name).containsExactly("COM10.log", "trailing");
        assertThat(volume.exists("trailing")).isTrue();
        String longName = "\\" + "x".repeat(200) + "\\" + "y".repeat(59);
        assertThat(longName).hasSize(261);
        assertWin32(() -> volume.createFile(longName), ClusterErrorCode.NAME_TOO_LONG, 206,
                "The filename or extension is too long.");
        assertWin32(() -> volume.createFile("z".repeat(256)), ClusterErrorCode.NAME_TOO_LONG, 206, "The filename");
        volume.createDirectory("x".repeat(200)).join();
        volume.createFile("\\" + "x".repeat(200) + "\\" + "y".repeat(55)).join(); // 257 characters: the most
        assertWin32(() -> volume.createFile("\\" + "x".repeat(200) + "\\" + "y".repeat(56)),
                ClusterErrorCode.NAME_TOO_LONG, 206, "The filename or extension is too long.");
    }

    @Test
    void createErrorsCarryWin32Numbers() {
        Volume volume = fresh("L1", 64 * San.MiB);
        assertWin32(() -> volume.createDirectory("\\DB\\Logs"), ClusterErrorCode.PATH_NOT_FOUND, 3,
                "The system cannot find the path specified.");
        volume.createDirectory("\\DB").join();
        assertWin32(() -> volume.createDirectory("\\db"), ClusterErrorCode.FILE_EXISTS, 183,
                "Cannot create a file when that file already exists.");
        volume.createFile("\\DB\\x.log").join();
        assertWin32(() -> volume.createFile("\\DB\\X.LOG"), ClusterErrorCode.FILE_EXISTS, 80, "The file exists.");
        assertWin32(() -> volume.createFile("\\DB\\x.log\\y"), ClusterErrorCode.PATH_NOT_FOUND, 3, "The system");
        assertWin32(() -> volume.createDirectory("\\DB\\x.log"), ClusterErrorCode.FILE_EXISTS, 183, "Cannot");
    }

    @Test
    void filesAndDirectoriesConfusedAreRefusedAsWindowsDoes() {
        Volume volume = fresh("L1", 64 * San.MiB);
        volume.createDirectory("\\DB").join();
        volume.createFile("\\f").join();
        assertWin32(() -> volume.read("\\DB", 0, new byte[1], 0, 1), ClusterErrorCode.ACCESS_DENIED, 5,
                "Access is denied.");
        assertWin32(() -> volume.append("\\DB", new byte[1], 0, 1), ClusterErrorCode.ACCESS_DENIED, 5, "Access");
        assertWin32(() -> volume.size("\\DB"), ClusterErrorCode.ACCESS_DENIED, 5, "Access");
        assertWin32(() -> volume.list("\\f"), ClusterErrorCode.PATH_NOT_FOUND, 3, "The system");
        assertWin32(() -> volume.list("\\nope"), ClusterErrorCode.PATH_NOT_FOUND, 3, "The system");
        assertWin32(() -> volume.size("\\f\\g"), ClusterErrorCode.PATH_NOT_FOUND, 3, "The system");
        assertWin32(() -> volume.size("\\g"), ClusterErrorCode.FILE_NOT_FOUND, 2,
                "The system cannot find the file specified.");
        assertWin32(() -> volume.copy("\\DB", "\\DB2"), ClusterErrorCode.ACCESS_DENIED, 5, "Access");
        assertWin32(() -> volume.delete("\\"), ClusterErrorCode.ACCESS_DENIED, 5, "Access");
    }

    @Test
    void writeOverwritesExtendsAndLeavesZerosInGaps() {
        Volume volume = fresh("L1", 64 * San.MiB);
        volume.createFile("db.edb").join();
        byte[] first = random(10_000, 1);
        volume.write("db.edb", 0, first, 0, first.length).join();
        byte[] page = random(3000, 2);
        volume.write("db.edb", 4000, page, 0, page.length).join();
        volume.write("db.edb", 20_000, page, 100, 50).join();
        byte[] expected = new byte[20_050];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(page, 0, expected, 4000, page.length);
        System.arraycopy(page, 100, expected, 20_000, 50);
        assertThat(readAll(volume, "db.edb")).isEqualTo(expected);
        byte[] part = new byte[100];
        assertThat(volume.read("db.edb", 20_000, part, 10, 90)).isEqualTo(50);
        assertThat(Arrays.copyOfRange(part, 10, 60)).isEqualTo(Arrays.copyOfRange(page, 100, 150));
        assertThat(volume.read("db.edb", 30_000, part, 0, 10)).isZero();
    }

    @Test
    void randomWritesReadBackAsAPlainByteArrayAndSurviveRemount() {
        // Whole-run writes go straight from the caller's buffer, partly covered clusters are merged with their old
        // bytes: both must give exactly what a byte array written the same way holds, before and after a remount.
        long seed = Long.getLong("exha.fuzz.seed", System.nanoTime());
        System.out.println("randomWritesReadBackAsAPlainByteArrayAndSurviveRemount seed " + seed
                + " (replay with -Dexha.fuzz.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        BlockDevice device = san.lun("RND", 64 * San.MiB);
        Volume.format(device, "Exchange").join();
        Volume volume = Volume.mount(device);
        volume.createFile("\\db.edb").join();
        byte[] model = new byte[4 * (int) San.MiB];
        int size = 0;
        byte[] source = random(1 << 20, seed);
        for (int i = 0; i < 300; i++) {
            boolean aligned = random.nextBoolean();
            int offset = aligned ? random.nextInt(512) * 4096 : random.nextInt(model.length - (1 << 18));
            int length = aligned ? 4096 * (1 + random.nextInt(64)) : 1 + random.nextInt(1 << 18);
            int from = aligned && random.nextBoolean() ? 0 : random.nextInt(source.length - length);
            volume.write("\\db.edb", offset, source, from, length).join();
            System.arraycopy(source, from, model, offset, length);
            size = Math.max(size, offset + length);
            source[from] ^= 0x5A; // the caller reuses its buffer: the volume must have copied it
        }
        byte[] expected = Arrays.copyOf(model, size);
        assertThat(readAll(volume, "\\db.edb")).as("seed %d", seed).isEqualTo(expected);
        assertThat(readAll(Volume.mount(device), "\\db.edb")).as("seed %d after remount", seed).isEqualTo(expected);
    }

    @Test
    void renameAndCopyWorkAcrossDirectories() {
        Volume volume = fresh("L1", 64 * San.MiB);
        volume.createDirectory("\\A").join();
        volume.createDirectory("\\B").join();
        volume.createFile("\\A\\E00.log").join();
        byte[] data = random(70_000, 3);
        volume.append("\\A\\E00.log", data, 0, data.length).join();
        volume.copy("\\A\\E00.log", "\\B\\copy.log").join();
        volume.rename("\\A\\E00.log", "\\B\\E0000000001.log").join();
        assertThat(volume.exists("\\A\\E00.log")).isFalse();
        assertThat(readAll(volume, "\\B\\e0000000001.LOG")).isEqualTo(data);
        assertThat(readAll(volume, "\\B\\copy.log")).isEqualTo(data);
        volume.append("\\B\\copy.log", data, 0, 10).join();
        assertThat(readAll(volume, "\\B\\E0000000001.log")).isEqualTo(data);
        volume.rename("\\B", "\\A\\Moved").join();
        assertThat(volume.size("\\A\\moved\\copy.log")).isEqualTo(70_010);
        volume.rename("\\A\\Moved\\copy.log", "\\A\\Moved\\COPY.log").join();
        assertThat(volume.list("\\A\\Moved")).extracting(DirectoryEntry::name).contains("COPY.log");
        assertWin32(() -> volume.rename("\\A\\Moved\\COPY.log", "\\A\\moved\\e0000000001.log"),
                ClusterErrorCode.FILE_EXISTS, 183, "Cannot create");
        assertWin32(() -> volume.rename("\\nope", "\\x"), ClusterErrorCode.FILE_NOT_FOUND, 2, "The system");
        assertWin32(() -> volume.rename("\\A", "\\A\\Moved\\Inner"), ClusterErrorCode.ACCESS_DENIED, 5, "Access");
        assertWin32(() -> volume.rename("\\A\\Moved\\COPY.log", "\\C\\x"), ClusterErrorCode.PATH_NOT_FOUND, 3,
                "The system");
        assertWin32(() -> volume.copy("\\A\\Moved\\COPY.log", "\\a\\MOVED\\e0000000001.log"),
                ClusterErrorCode.FILE_EXISTS, 80, "The file exists.");
    }

    @Test
    void deleteRefusesNonEmptyDirectoriesAndFreesSpace() {
        Volume volume = fresh("L1", 64 * San.MiB);
        long free = volume.freeBytes();
        volume.createDirectory("\\Logs").join();
        volume.createFile("\\Logs\\E00.log").join();
        byte[] log = new byte[1 << 20];
        volume.append("\\Logs\\E00.log", log, 0, log.length).join();
        assertThat(volume.freeBytes()).isEqualTo(free - (1 << 20));
        assertWin32(() -> volume.delete("\\Logs"), ClusterErrorCode.DIRECTORY_NOT_EMPTY, 145,
                "The directory is not empty.");
        assertWin32(() -> volume.delete("\\Logs\\E01.log"), ClusterErrorCode.FILE_NOT_FOUND, 2, "The system");
        volume.delete("\\LOGS\\e00.LOG").join();
        volume.delete("\\logs").join();
        assertThat(volume.list("\\")).isEmpty();
        assertThat(volume.freeBytes()).isEqualTo(free);
    }

    @Test
    void diskFullChangesNothingAndDeleteStillWorksOnAFullVolume() {
        Volume volume = fresh("L1", 16 * San.MiB);
        volume.createFile("\\E00.log").join();
        long free = volume.freeBytes();
        byte[] fill = new byte[(int) free];
        volume.append("\\E00.log", fill, 0, fill.length).join();
        assertThat(volume.freeBytes()).isZero();
        volume.createFile("\\E01.log").join(); // metadata lives in its own area
        assertWin32(() -> volume.append("\\E01.log", new byte[1], 0, 1), ClusterErrorCode.DISK_FULL, 112,
                "There is not enough space on the disk.");
        assertWin32(() -> volume.write("\\E00.log", 0, new byte[1], 0, 1), ClusterErrorCode.DISK_FULL, 112,
                "There is not enough space");
        assertWin32(() -> volume.copy("\\E00.log", "\\E02.log"), ClusterErrorCode.DISK_FULL, 112, "There");
        assertThat(volume.size("\\E01.log")).isZero();
        assertThat(volume.exists("\\E02.log")).isFalse();
        // Deleting and checkpointing still work, so a full log disk can be cleaned.
        for (int i = 0; i < 300; i++) {
            volume.rename("\\E01.log", "\\E01-" + i + ".log").join();
            volume.rename("\\E01-" + i + ".log", "\\E01.log").join();
        }
        volume.checkpoint().join();
        volume.delete("\\E00.log").join();
        assertThat(volume.freeBytes()).isEqualTo(free);
        Volume again = Volume.mount(volume.device());
        assertThat(again.freeBytes()).isEqualTo(free);
        assertThat(again.list("\\")).containsExactly(new DirectoryEntry("E01.log", false, 0));
    }

    @Test
    void freeBytesPredictsDiskFull() {
        Volume volume = fresh("L1", 16 * San.MiB);
        volume.createFile("\\a").join();
        byte[] some = new byte[12345];
        volume.append("\\a", some, 0, some.length).join();
        int cluster = volume.layout().clusterSize();
        long slack = cluster - some.length % cluster;
        long fits = volume.freeBytes() + slack;
        byte[] fill = new byte[(int) fits + 1];
        assertWin32(() -> volume.append("\\a", fill, 0, fill.length), ClusterErrorCode.DISK_FULL, 112, "There");
        volume.append("\\a", fill, 0, fill.length - 1).join();
        assertThat(volume.freeBytes()).isZero();
    }

    @Test
    void readOnlyLunIsWriteProtectedAndChangesNothing() {
        Volume volume = fresh("L1", 16 * San.MiB);
        volume.createFile("\\a").join();
        volume.append("\\a", bytes("abc"), 0, 3).join();
        long free = volume.freeBytes();
        san.array.setAccessState("L1", AccessState.READ_ONLY);
        String text = "The media is write protected.";
        assertWin32(() -> volume.createFile("\\b"), ClusterErrorCode.WRITE_PROTECTED, 19, text);
        assertWin32(() -> volume.append("\\a", bytes("d"), 0, 1), ClusterErrorCode.WRITE_PROTECTED, 19, text);
        assertWin32(() -> volume.write("\\a", 0, bytes("d"), 0, 1), ClusterErrorCode.WRITE_PROTECTED, 19, text);
        assertWin32(() -> volume.delete("\\a"), ClusterErrorCode.WRITE_PROTECTED, 19, text);
        assertWin32(() -> volume.rename("\\a", "\\c"), ClusterErrorCode.WRITE_PROTECTED, 19, text);
        assertWin32(() -> volume.copy("\\a", "\\c"), ClusterErrorCode.WRITE_PROTECTED, 19, text);
        assertWin32(() -> volume.checkpoint(), ClusterErrorCode.WRITE_PROTECTED, 19, text);
        assertWin32(() -> Volume.format(volume.device(), "X"), ClusterErrorCode.WRITE_PROTECTED, 19, text);
        assertThat(readAll(volume, "\\a")).isEqualTo(bytes("abc"));
        assertThat(volume.list("\\")).containsExactly(new DirectoryEntry("a", false, 3));
        assertThat(volume.freeBytes()).isEqualTo(free);
        san.array.setAccessState("L1", AccessState.READ_WRITE);
        volume.append("\\a", bytes("d"), 0, 1).join();
        assertThat(readAll(Volume.mount(volume.device()), "\\a")).isEqualTo(bytes("abcd"));
    }

    @Test
    void unpresentedLunIsDeviceNotReady() {
        Volume volume = fresh("L1", 16 * San.MiB);
        volume.createFile("\\a").join();
        san.array.unpresent("L1", San.HOST);
        String text = "The device is not ready.";
        assertWin32(() -> volume.createFile("\\b"), ClusterErrorCode.DEVICE_NOT_READY, 21, text);
        assertWin32(() -> volume.append("\\a", bytes("x"), 0, 1), ClusterErrorCode.DEVICE_NOT_READY, 21, text);
        assertWin32(() -> Volume.mount(volume.device()), ClusterErrorCode.DEVICE_NOT_READY, 21, text);
        san.array.setAccessState("L1", AccessState.NOT_READY);
        san.array.present("L1", San.HOST);
        assertWin32(() -> volume.delete("\\a"), ClusterErrorCode.DEVICE_NOT_READY, 21, text);
        san.array.setAccessState("L1", AccessState.READ_WRITE);
        assertThat(volume.list("\\")).extracting(DirectoryEntry::name).containsExactly("a");
        volume.createFile("\\b").join();
    }

    @Test
    void dismountedVolumeRefusesCallsAndBadLabelsAreInvalidNames() {
        Volume volume = fresh("L1", 16 * San.MiB);
        volume.dismount();
        Throwable thrown = catchThrowable(() -> volume.list("\\"));
        assertThat(((ExhaException) thrown).code()).isEqualTo(ClusterErrorCode.VOLUME_STATE);
        assertWin32(() -> Volume.format(volume.device(), "a:b"), ClusterErrorCode.INVALID_NAME, 123, "The filename");
        assertWin32(() -> Volume.format(volume.device(), "x".repeat(33)), ClusterErrorCode.INVALID_NAME, 123, "The");
    }

    @Test
    void remountPreservesEverythingAcrossCheckpoints() {
        BlockDevice device = san.lun("L1", 64 * San.MiB);
        VolumeLayout small = new VolumeLayout(512, 4096, 64 * San.MiB / 4096, 64, 4);
        Volume.format(device, "Logs", small).join();
        Volume volume = Volume.mount(device);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            String dir = "\\SG" + (i % 5);
            if (!volume.exists(dir)) {
                volume.createDirectory(dir).join();
            }
            String file = dir + "\\E" + i + ".log";
            volume.createFile(file).join();
            byte[] data = random(1 + random.nextInt(9000), i);
            volume.append(file, data, 0, data.length).join();
            if (i % 7 == 0) {
                volume.delete(file).join();
            }
        }
        Volume again = Volume.mount(device);
        assertThat(again.label()).isEqualTo("Logs");
        assertThat(again.freeBytes()).isEqualTo(volume.freeBytes());
        for (int d = 0; d < 5; d++) {
            assertThat(again.list("\\SG" + d)).isEqualTo(volume.list("\\SG" + d));
            for (DirectoryEntry entry : volume.list("\\SG" + d)) {
                String path = "\\SG" + d + "\\" + entry.name();
                assertThat(readAll(again, path)).isEqualTo(readAll(volume, path));
            }
        }
        // Formatting again gives an empty volume: the old journal is not replayed.
        Volume.format(device, "Again", small).join();
        assertThat(Volume.mount(device).list("\\")).isEmpty();
    }

    @Test
    void holdsManyFilesAndGigabyteFilesOnASparseLun() {
        Volume volume = fresh("BIG", 8 * San.GiB);
        volume.createDirectory("\\Logs").join();
        byte[] log = random(1 << 20, 9);
        for (int i = 1; i <= 64; i++) {
            String name = String.format("\\Logs\\E00%08X.log", i);
            volume.createFile(name).join();
            volume.append(name, log, 0, log.length).join();
        }
        volume.createDirectory("\\Many").join();
        for (int i = 0; i < 3000; i++) {
            volume.createFile("\\Many\\msg" + i + ".eml").join();
        }
        volume.createDirectory("\\DB").join();
        volume.createFile("\\DB\\Mailbox Database.edb").join();
        byte[] page = random(8192, 10);
        volume.write("\\DB\\Mailbox Database.edb", 3 * San.GiB, page, 0, page.length).join();
        volume.write("\\DB\\Mailbox Database.edb", 0, page, 0, page.length).join();
        Volume again = Volume.mount(volume.device());
        assertThat(again.size("\\DB\\Mailbox Database.edb")).isEqualTo(3 * San.GiB + 8192);
        byte[] back = new byte[8192];
        again.read("\\DB\\Mailbox Database.edb", 3 * San.GiB, back, 0, back.length);
        assertThat(back).isEqualTo(page);
        again.read("\\DB\\Mailbox Database.edb", San.GiB, back, 0, back.length);
        assertThat(back).isEqualTo(new byte[8192]);
        assertThat(again.list("\\Many")).hasSize(3000);
        assertThat(readAll(again, "\\Logs\\E0000000040.log")).isEqualTo(log);
        assertThat(again.freeBytes()).isEqualTo(volume.freeBytes());
    }

    @Test
    void futuresCompleteWhenTheDeviceAcknowledges() {
        Volume volume = fresh("L1", 16 * San.MiB);
        CompletableFuture<Void> done = volume.createFile("\\a");
        san.runUntilIdle();
        assertThat(done).isCompleted();
    }

    @Test
    void fromFileNamesIsComputedAgainOnlyWhenAFileOfTheFolderIsAddedRemovedOrRenamed() {
        Volume volume = fresh("L1", 64 * San.MiB);
        volume.createDirectory("\\Logs").join();
        volume.createDirectory("\\Logs\\Sub").join();
        volume.createFile("\\Logs\\b.log").join();
        volume.createFile("\\Logs\\A.log").join();
        int[] computed = {0};
        java.util.function.Function<List<String>, List<String>> names = n -> {
            computed[0]++;
            return n;
        };
        // Files only, in list order (case-insensitive), the subdirectory left out.
        assertThat(volume.fromFileNames("\\Logs", "names", names)).containsExactly("A.log", "b.log");
        volume.write("\\Logs\\A.log", 0, bytes("grows"), 0, 5).join();
        assertThat(volume.fromFileNames("\\logs\\", "names", names)).containsExactly("A.log", "b.log");
        assertThat(computed[0]).isEqualTo(1);

        volume.createFile("\\Logs\\c.log").join();
        assertThat(volume.fromFileNames("\\Logs", "names", names)).containsExactly("A.log", "b.log", "c.log");
        volume.rename("\\Logs\\b.log", "\\Logs\\d.log").join();
        assertThat(volume.fromFileNames("\\Logs", "names", names)).containsExactly("A.log", "c.log", "d.log");
        volume.delete("\\Logs\\A.log").join();
        assertThat(volume.fromFileNames("\\Logs", "names", names)).containsExactly("c.log", "d.log");
        assertThat(computed[0]).isEqualTo(4);
        // Another key computes its own value.
        int count = volume.fromFileNames("\\Logs", "count", List::size);
        assertThat(count).isEqualTo(2);
        assertWin32(() -> volume.fromFileNames("\\Missing", "names", names), ClusterErrorCode.PATH_NOT_FOUND, 3,
                "");
    }

    @Test
    void sumOverFilesStaysEqualToAWalkOfTheVolumeAsFilesAreCreatedResizedRenamedAndDeleted() {
        Volume volume = fresh("L1", 64 * San.MiB);
        // Bytes of the files named *.log: the shape of the store's log-hole count.
        java.util.function.ToLongFunction<DirectoryEntry> logBytes =
                e -> e.name().toLowerCase(java.util.Locale.ROOT).endsWith(".log") ? e.size() : 0;
        volume.createDirectory("\\Logs").join();
        volume.createFile("\\Logs\\E00.log").join();
        volume.write("\\Logs\\E00.log", 0, random(5000, 1), 0, 5000).join();
        assertThat(volume.sumOverFiles("logs", logBytes)).isEqualTo(5000).isEqualTo(walk(volume, logBytes));

        volume.append("\\Logs\\E00.log", random(300, 2), 0, 300).join();
        volume.createFile("\\Logs\\priv.edb").join();
        volume.write("\\Logs\\priv.edb", 0, random(9000, 3), 0, 9000).join();
        volume.preallocate("\\Logs\\priv.edb", 64 * 1024).join();
        assertThat(volume.sumOverFiles("logs", logBytes)).isEqualTo(5300).isEqualTo(walk(volume, logBytes));

        volume.rename("\\Logs\\E00.log", "\\Logs\\E0000000001.LOG").join();
        volume.copy("\\Logs\\E0000000001.LOG", "\\Logs\\copy.log").join();
        volume.createDirectory("\\Other").join();
        volume.rename("\\Logs\\priv.edb", "\\Other\\priv.log").join();
        assertThat(volume.sumOverFiles("logs", logBytes)).isEqualTo(5300 + 5300 + 9000)
                .isEqualTo(walk(volume, logBytes));

        volume.delete("\\Logs\\copy.log").join();
        volume.rename("\\Other\\priv.log", "\\Other\\priv.edb").join();
        assertThat(volume.sumOverFiles("logs", logBytes)).isEqualTo(5300).isEqualTo(walk(volume, logBytes));
        // Another key is its own sum; a remounted volume counts again from its file table.
        assertThat(volume.sumOverFiles("files", e -> 1)).isEqualTo(2);
        assertThat(Volume.mount(volume.device()).sumOverFiles("logs", logBytes)).isEqualTo(5300);
    }

    /** The sum computed the slow way, walking every folder. */
    private static long walk(Volume volume, java.util.function.ToLongFunction<DirectoryEntry> term) {
        long total = 0;
        java.util.Deque<String> folders = new java.util.ArrayDeque<>(List.of("\\"));
        while (!folders.isEmpty()) {
            String folder = folders.pop();
            for (DirectoryEntry entry : volume.list(folder)) {
                String path = folder.endsWith("\\") ? folder + entry.name() : folder + "\\" + entry.name();
                if (entry.directory()) {
                    folders.push(path);
                } else {
                    total += term.applyAsLong(entry);
                }
            }
        }
        return total;
    }

    @Test
    void fromFileNamesWithAnUpdateEqualsDerivingAgainAfterRandomChanges() {
        long seed = new java.util.Random().nextLong();
        System.out.println("fromFileNamesWithAnUpdate seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        Volume volume = fresh("L1", 64 * San.MiB);
        volume.createDirectory("\\A").join();
        volume.createDirectory("\\B").join();
        // The sorted names, kept by adding and removing what changed: equal to the sorted names listed again.
        java.util.function.Function<List<String>, List<String>> sorted = n -> n.stream().sorted().toList();
        Volume.NameChanges<List<String>> update = (before, added, removed) -> {
            List<String> after = new java.util.ArrayList<>(before);
            after.addAll(added);
            removed.forEach(after::remove);
            return after.stream().sorted().toList();
        };
        int[] updates = {0};
        Volume.NameChanges<List<String>> counted = (before, added, removed) -> {
            updates[0]++;
            return update.apply(before, added, removed);
        };
        for (int step = 0; step < 300; step++) {
            String folder = random.nextBoolean() ? "\\A" : "\\B";
            List<String> names = volume.list(folder).stream().map(DirectoryEntry::name).toList();
            String name = "f" + random.nextInt(40);
            int op = random.nextInt(4);
            if (op == 0 && !names.contains(name)) {
                volume.createFile(folder + "\\" + name).join();
            } else if (op == 1 && !names.isEmpty()) {
                volume.delete(folder + "\\" + names.get(random.nextInt(names.size()))).join();
            } else if (op == 2 && !names.isEmpty()) {
                String other = random.nextBoolean() ? "\\A" : "\\B";
                String to = "g" + random.nextInt(40);
                if (!volume.exists(other + "\\" + to)) {
                    volume.rename(folder + "\\" + names.get(random.nextInt(names.size())), other + "\\" + to).join();
                }
            } else if (op == 3 && !volume.exists(folder + "\\D" + step)) {
                volume.createDirectory(folder + "\\D" + step).join();
            }
            for (String f : List.of("\\A", "\\B")) {
                if (random.nextInt(3) == 0) {
                    continue; // let changes pile up between reads
                }
                List<String> expected = volume.list(f).stream().filter(e -> !e.directory()).map(DirectoryEntry::name)
                        .sorted().toList();
                assertThat(volume.fromFileNames(f, "sorted", sorted, counted)).as("seed %d step %d %s", seed, step, f)
                        .isEqualTo(expected);
            }
        }
        assertThat(updates[0]).as("the value was updated, not only derived again").isPositive();
    }
}
