package io.github.exha.examples.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.topology.TopologyLoader;
import io.github.exha.examples.ExamplesModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates every shipped topology ({@code examples/topologies/*.yaml}) in every section — the core keys, the cluster
 * model's {@code storage}, {@code hosts}, {@code clusters} and {@code siteLinks}, the {@code exchange} section —
 * with hostile values (names that do not exist, huge and negative numbers, Windows paths that escape, tags, aliases,
 * empty and exotic text) and structural edits (deleted, duplicated, swapped and re-indented lines). Every mutation
 * loads with all modules' sections or fails with a typed error at {@code file:line:column}; one in
 * {@value #BUILD_EVERY} of those that load also builds a whole lab, which succeeds or fails with a typed error that
 * is not exha's own defect. Replay with {@code -Dexha.fuzz.seed=<printed seed>}.
 */
class ExampleTopologyFuzzTest {
    private static final long DEFAULT_SEED = 20_070_301L;
    private static final int CASES = 4_000;
    private static final int BUILD_EVERY = 40;
    private static final List<String> VALUES = List.of("NODE1", "NODE9", "NOSUCH", "''", "\"\"", "~", "null", "[]",
            "{}", "0", "-1", "2147483648", "9223372036854775808", "1e400", "-0.0", "0x1F", ".inf", ".nan", "true",
            "'C:\\..\\..\\..\\etc\\passwd'", "'\\\\server\\share\\x'", "'\\\\.\\PhysicalDrive0'", "CON", "'/etc/passwd'",
            "'F:\\DB\\x.edb:stream'", "'" + "C:\\" + "a\\".repeat(140) + "'", "'file:///etc/passwd'",
            "!!java.lang.ProcessBuilder [calc]", "!foo x", "*alias", "&anchor x", "'名前'", "'\u202eevil'",
            "'" + "x".repeat(3_000) + "'", "192.168.10.999/24", "10.0.0.0/33", "2003 SP9", "2007 SP3",
            "WINDOWS_2008", "ENTERPRISE", "CCR", "SCC", "SYNC", "ASYNC", "READ_ONLY", "1GB", "-5GB", "0KB",
            "99999999999999TB", "P1D", "-PT1H", "2008-13-45T25:61:00Z", "|", ">", "- x", "a: b", "{name: X}");

    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Test
    void everyMutationOfEveryShippedTopologyLoadsAndBuildsOrFailsWithATypedError() throws IOException {
        long seed = Long.getLong("exha.fuzz.seed", DEFAULT_SEED);
        System.out.println("ExampleTopologyFuzzTest seed: " + seed + " (replay with -Dexha.fuzz.seed=" + seed + ")");
        long started = System.nanoTime();
        long cpuStarted = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<String> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("topologies"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                examples.add(Files.readString(file));
            }
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
        SplittableRandom random = new SplittableRandom(seed);
        TopologyLoader loader = ExamplesModule.createLab(LabSpec.of(TopologySource.text("empty.yaml", "name: empty\n")))
                .instance(TopologyLoader.class);
        int loaded = 0;
        long buildNanos = 0;
        for (int i = 0; i < CASES; i++) {
            String text = mutate(examples.get(random.nextInt(examples.size())), random);
            try {
                loader.parse("fuzz.yaml", text);
                loaded++;
                outcomes.merge("loaded", 1, Integer::sum);
            } catch (ExhaException e) {
                if (e.position().isEmpty() || e.code() == CoreErrorCode.INTERNAL_ERROR) {
                    fail("case " + i + " (seed " + seed + "): " + e.describe() + " in:\n" + text, e);
                }
                outcomes.merge(e.code().id(), 1, Integer::sum);
                continue;
            } catch (RuntimeException e) {
                fail("case " + i + " (seed " + seed + "): " + e + " escaped the loader for:\n" + text, e);
            }
            if (loaded % BUILD_EVERY == 0) {
                long buildStart = System.nanoTime();
                build(text, seed, i);
                buildNanos += System.nanoTime() - buildStart;
            }
        }
        System.out.println("ExampleTopologyFuzzTest: " + CASES + " cases in " + (System.nanoTime() - started) / 1_000_000
                + " ms wall, " + (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                - cpuStarted) / 1_000_000 + " ms CPU (lab builds " + buildNanos / 1_000_000 + " ms wall), outcomes "
                + outcomes);
        assertThat(outcomes).containsKey("loaded").containsKey("built");
    }

    private void build(String text, long seed, int index) {
        try {
            Lab lab = ExamplesModule.createLab(new LabSpec(TopologySource.text("fuzz.yaml", text), OptionalLong.of(seed)));
            lab.scheduler().runFor(java.time.Duration.ofMinutes(1));
            outcomes.merge("built", 1, Integer::sum);
        } catch (ExhaException e) {
            if (e.code() == CoreErrorCode.INTERNAL_ERROR) {
                fail("case " + index + " (seed " + seed + "): exha's own defect " + e.describe() + " in:\n" + text, e);
            }
            outcomes.merge("build:" + e.code().id(), 1, Integer::sum);
        } catch (RuntimeException e) {
            fail("case " + index + " (seed " + seed + "): " + e + " escaped the lab build for:\n" + text, e);
        }
    }

    /** One to four edits anywhere in the document: values, lines, indentation, keys, characters. */
    private static String mutate(String example, SplittableRandom random) {
        List<String> lines = new ArrayList<>(List.of(example.split("\n", -1)));
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> {
                    int colon = line.indexOf(": ");
                    int dash = line.indexOf("- ");
                    int cut = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : -1;
                    if (cut >= 0) {
                        lines.set(at, line.substring(0, cut) + VALUES.get(random.nextInt(VALUES.size())));
                    }
                }
                case 3 -> lines.remove(at);
                case 4 -> lines.add(at, line);
                case 5 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                case 6 -> lines.set(at, random.nextBoolean() ? "  " + line : line.stripLeading());
                default -> {
                    StringBuilder s = new StringBuilder(line);
                    int where = s.isEmpty() ? 0 : random.nextInt(s.length());
                    String junk = String.valueOf("-:[]{}&*!|>'\"#%@`,?\t\u00a0".charAt(random.nextInt(20)));
                    if (s.isEmpty() || random.nextBoolean()) {
                        s.insert(where, junk);
                    } else {
                        s.deleteCharAt(where);
                    }
                    lines.set(at, s.toString());
                }
            }
        }
        return String.join("\n", lines);
    }
}
