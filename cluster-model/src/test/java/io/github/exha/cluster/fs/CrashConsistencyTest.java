package io.github.exha.cluster.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.error.ExhaException;
import io.github.exha.storage.spi.BlockDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Cuts the write stream of random operation sequences at random points, mounts each cut, and checks it is the state
 * after some prefix of the operations that includes every operation whose writes were all inside the cut.
 */
class CrashConsistencyTest {
    private static final int SEQUENCES = 300;
    private static final int OPERATIONS = 40;
    private static final int CUTS = 5;
    private static final long CAPACITY = 8 * San.MiB;
    /** A small journal and checkpoint slots, so sequences cross several checkpoints and ring restarts. */
    private static final VolumeLayout LAYOUT = new VolumeLayout(512, 4096, CAPACITY / 4096, 16, 6);
    private static final String[] NAMES = {"a", "Db", "log", "E00.log", "x.edb", "Sub"};

    /** One entry of the model: the name as created, and the content of a file (null for a directory). */
    private record Entry(String name, byte[] content) {
    }

    private int operationsDone;
    private int checkpoints;
    private int cutsChecked;

    @Test
    void everyCutOfTheWriteStreamMountsToAnOperationPrefix() {
        long base = Long.getLong("exha.fuzz.seed", 20070301L);
        System.out.println("CrashConsistencyTest seed " + base + " (override with -Dexha.fuzz.seed)");
        San san = new San(base);
        for (int s = 0; s < SEQUENCES; s++) {
            long seed = base + s;
            try {
                runSequence(san, seed, s);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("sequence with seed " + seed + " failed: " + e.getMessage(), e);
            }
        }
        System.out.println("CrashConsistencyTest: " + operationsDone + " operations, " + checkpoints
                + " checkpoints, " + cutsChecked + " cuts mounted");
        // The sequences must really cross checkpoints and journal restarts, or the test proves little.
        assertThat(checkpoints).isGreaterThan(SEQUENCES);
        assertThat(operationsDone).isGreaterThan(SEQUENCES * OPERATIONS / 2);
    }

    private void runSequence(San san, long seed, int index) {
        SplittableRandom random = new SplittableRandom(seed);
        String lun = "SEQ" + index;
        RecordingDevice device = new RecordingDevice(san.lun(lun, CAPACITY));
        Volume.format(device, "Fuzz", LAYOUT).join();
        int formatWrites = device.writes.size();
        Volume volume = Volume.mount(device);
        TreeMap<String, Entry> model = new TreeMap<>();
        List<Map<String, String>> states = new ArrayList<>();
        List<Integer> writeEnds = new ArrayList<>();
        states.add(canonical(model));
        for (int op = 0; op < OPERATIONS; op++) {
            int before = device.writes.size();
            TreeMap<String, Entry> next = new TreeMap<>(model);
            try {
                step(volume, next, random);
            } catch (ExhaException refused) {
                assertThat(device.writes.size()).as("a refused operation issues no write").isEqualTo(before);
                continue;
            }
            model = next;
            writeEnds.add(device.writes.size());
            states.add(canonical(model));
        }
        assertThat(canonical(volume)).isEqualTo(states.get(states.size() - 1));
        int total = device.writes.size();
        operationsDone += writeEnds.size();
        for (int i = formatWrites; i < total; i++) {
            if (device.writes.get(i).offset() < 2 * LAYOUT.blockSize()) {
                checkpoints++;
            }
        }
        for (int cut = 0; cut <= CUTS; cut++) {
            int w = cut == CUTS ? total : formatWrites + random.nextInt(total - formatWrites + 1);
            BlockDevice image = san.lun("IMG", CAPACITY);
            device.replay(w, image);
            Volume mounted = Volume.mount(image);
            cutsChecked++;
            int complete = 0;
            while (complete < writeEnds.size() && writeEnds.get(complete) <= w) {
                complete++;
            }
            Map<String, String> actual = canonical(mounted);
            int k = -1;
            for (int candidate = complete; candidate < states.size(); candidate++) {
                if (states.get(candidate).equals(actual)) {
                    k = candidate;
                    break;
                }
            }
            assertThat(k).as("cut after %d of %d writes (%d operations complete) mounts to an operation prefix;"
                    + " mounted %s, expected %s", w, total, complete, actual, states.get(complete)).isGreaterThanOrEqualTo(0);
            // The cut volume must keep working: append to a file and read the old bytes plus the new ones back.
            for (Map.Entry<String, String> entry : actual.entrySet()) {
                if (entry.getValue().startsWith("F")) {
                    String path = entry.getKey();
                    byte[] old = readAll(mounted, path);
                    byte[] extra = new byte[700];
                    random.nextBytes(extra);
                    mounted.write(path, old.length + 300, extra, 0, extra.length).join();
                    byte[] expected = Arrays.copyOf(old, old.length + 1000);
                    System.arraycopy(extra, 0, expected, old.length + 300, extra.length);
                    assertThat(readAll(Volume.mount(image), path)).isEqualTo(expected);
                    break;
                }
            }
            san.drop("IMG");
        }
        san.drop(lun);
    }

    /** Runs one random operation on the volume and, if it succeeds, on the model. */
    private static void step(Volume volume, TreeMap<String, Entry> model, SplittableRandom random) {
        List<String> files = new ArrayList<>();
        List<String> dirs = new ArrayList<>(List.of(""));
        for (Map.Entry<String, Entry> e : model.entrySet()) {
            (e.getValue().content() == null ? dirs : files).add(e.getKey());
        }
        String newPath = pick(dirs, random) + "\\" + randomCase(NAMES[random.nextInt(NAMES.length)], random);
        int kind = random.nextInt(100);
        if (kind < 12) {
            volume.createDirectory(newPath);
            model.put(key(newPath), new Entry(last(newPath), null));
        } else if (kind < 27) {
            volume.createFile(newPath);
            model.put(key(newPath), new Entry(last(newPath), new byte[0]));
        } else if (kind < 47 && !files.isEmpty()) {
            String file = pick(files, random);
            byte[] data = new byte[random.nextInt(3) == 0 ? random.nextInt(20_000) : random.nextInt(600)];
            random.nextBytes(data);
            volume.append(caseOf(file, random), data, 0, data.length);
            byte[] old = model.get(file).content();
            byte[] content = Arrays.copyOf(old, old.length + data.length);
            System.arraycopy(data, 0, content, old.length, data.length);
            model.put(file, new Entry(model.get(file).name(), content));
        } else if (kind < 65 && !files.isEmpty()) {
            String file = pick(files, random);
            byte[] old = model.get(file).content();
            long offset = random.nextInt(old.length + 6000);
            byte[] data = new byte[1 + random.nextInt(9000)];
            random.nextBytes(data);
            volume.write(caseOf(file, random), offset, data, 0, data.length);
            byte[] content = Arrays.copyOf(old, (int) Math.max(old.length, offset + data.length));
            System.arraycopy(data, 0, content, (int) offset, data.length);
            model.put(file, new Entry(model.get(file).name(), content));
        } else if (kind < 75 && model.size() > 0) {
            String from = pick(new ArrayList<>(model.keySet()), random);
            volume.rename(caseOf(from, random), newPath);
            TreeMap<String, Entry> moved = new TreeMap<>();
            for (Map.Entry<String, Entry> e : model.entrySet()) {
                if (e.getKey().equals(from) || e.getKey().startsWith(from + "\\")) {
                    String rest = e.getKey().substring(from.length());
                    Entry value = rest.isEmpty() ? new Entry(last(newPath), e.getValue().content()) : e.getValue();
                    moved.put(key(newPath) + rest, value);
                } else {
                    moved.put(e.getKey(), e.getValue());
                }
            }
            model.clear();
            model.putAll(moved);
        } else if (kind < 88 && model.size() > 0) {
            String victim = pick(new ArrayList<>(model.keySet()), random);
            volume.delete(caseOf(victim, random));
            model.remove(victim);
        } else if (kind < 96 && !files.isEmpty()) {
            String from = pick(files, random);
            volume.copy(caseOf(from, random), newPath);
            model.put(key(newPath), new Entry(last(newPath), model.get(from).content()));
        } else {
            volume.checkpoint();
        }
    }

    private static String pick(List<String> from, SplittableRandom random) {
        return from.get(random.nextInt(from.size()));
    }

    private static String randomCase(String name, SplittableRandom random) {
        return random.nextBoolean() ? name : name.toUpperCase(Locale.ROOT);
    }

    private static String caseOf(String key, SplittableRandom random) {
        return random.nextBoolean() ? key : key.toLowerCase(Locale.ROOT);
    }

    private static String key(String path) {
        return path.toUpperCase(Locale.ROOT);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('\\') + 1);
    }

    /** Upper-cased path → "D name" or "F name length crc": what the state looks like, comparably. */
    private static Map<String, String> canonical(TreeMap<String, Entry> model) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Entry> e : model.entrySet()) {
            out.put(e.getKey(), describe(e.getValue().name(), e.getValue().content()));
        }
        return out;
    }

    private static Map<String, String> canonical(Volume volume) {
        Map<String, String> out = new TreeMap<>();
        walk(volume, "", out);
        return out;
    }

    private static void walk(Volume volume, String directory, Map<String, String> out) {
        for (DirectoryEntry entry : volume.list(directory.isEmpty() ? "\\" : directory)) {
            String path = directory + "\\" + entry.name();
            if (entry.directory()) {
                out.put(key(path), describe(entry.name(), null));
                walk(volume, path, out);
            } else {
                out.put(key(path), describe(entry.name(), readAll(volume, path)));
            }
        }
    }

    private static String describe(String name, byte[] content) {
        if (content == null) {
            return "D " + name;
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        return "F " + name + " " + content.length + " " + Long.toHexString(crc.getValue());
    }

    private static byte[] readAll(Volume volume, String path) {
        byte[] out = new byte[(int) volume.size(path)];
        volume.read(path, 0, out, 0, out.length);
        return out;
    }
}
