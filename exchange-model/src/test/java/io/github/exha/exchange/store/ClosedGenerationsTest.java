package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.fs.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link LogDirectory#closedGenerations()} is kept up to date as logs come and go (new ones past the newest, the oldest
 * truncated, and anything else): after every change it equals the generations parsed again from the folder's names,
 * and lists handed out earlier keep their contents.
 */
class ClosedGenerationsTest {
    @Test
    void keptListEqualsTheFolderAfterRandomChangesAndEarlierListsDoNotMove() {
        long seed = Long.getLong("exha.generations.seed", System.nanoTime());
        System.out.println("ClosedGenerationsTest seed " + seed + " (replay with -Dexha.generations.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        StoreLab lab = StoreLab.create(1);
        Volume volume = lab.dbVolume();
        lab.await(volume.createDirectory("\\Logs"));
        LogDirectory logs = new LogDirectory(volume, "\\Logs", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        TreeSet<Long> present = new TreeSet<>();
        List<List<Long>> handedOut = new ArrayList<>();
        List<List<Long>> contents = new ArrayList<>();
        long newest = 0;
        for (int step = 0; step < 400; step++) {
            int kind = random.nextInt(10);
            if (kind < 5) { // the usual: the next log(s) past the newest
                for (int n = random.nextInt(1, 4); n > 0; n--) {
                    create(lab, volume, logs, ++newest);
                    present.add(newest);
                }
            } else if (kind < 7 && !present.isEmpty()) { // truncation of the oldest
                for (int n = random.nextInt(1, 3); n > 0 && !present.isEmpty(); n--) {
                    lab.await(volume.delete(logs.generationPath(present.pollFirst())));
                }
            } else if (kind < 8 && !present.isEmpty()) { // a log in the middle goes
                long victim = present.ceiling(random.nextLong(present.first(), present.last() + 1));
                lab.await(volume.delete(logs.generationPath(victim)));
                present.remove(victim);
            } else if (kind < 9) { // an old generation comes back (a restore), or another file appears
                long back = random.nextLong(1, newest + 2);
                if (present.add(back)) {
                    create(lab, volume, logs, back);
                    newest = Math.max(newest, back);
                }
                if (!volume.exists("\\Logs\\E00.chk")) {
                    lab.await(volume.createFile("\\Logs\\E00.chk"));
                }
            }
            if (random.nextInt(3) == 0) { // several changes between two looks
                continue;
            }
            List<Long> now = logs.closedGenerations();
            assertThat(now).as("seed %d step %d", seed, step).containsExactlyElementsOf(parsedAgain(volume, logs));
            assertThat(now).containsExactlyElementsOf(present);
            for (long g : present) {
                assertThat(now.indexOf(g)).isEqualTo(now.size() - present.tailSet(g).size());
            }
            handedOut.add(now);
            contents.add(List.copyOf(now));
        }
        for (int i = 0; i < handedOut.size(); i++) {
            assertThat(handedOut.get(i)).as("list %d of seed %d", i, seed).containsExactlyElementsOf(contents.get(i));
        }
    }

    private static void create(StoreLab lab, Volume volume, LogDirectory logs, long generation) {
        lab.await(volume.createFile(logs.generationPath(generation)));
    }

    private static List<Long> parsedAgain(Volume volume, LogDirectory logs) {
        TreeSet<Long> generations = new TreeSet<>();
        volume.list("\\Logs").forEach(entry -> {
            OptionalLong g = LogFormat.EXCHANGE_2007.parseGeneration(LogPrefix.E00, entry.name());
            g.ifPresent(generations::add);
        });
        return List.copyOf(generations);
    }
}
