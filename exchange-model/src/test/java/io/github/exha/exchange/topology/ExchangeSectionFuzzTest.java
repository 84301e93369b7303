package io.github.exha.exchange.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.topology.ClustersSection;
import io.github.exha.cluster.topology.HostsSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.topology.TopologyLoader;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.config.ExchangeDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Mutates the seed topologies' {@code exchange:} sections: every mutation must load or fail with a positioned error,
 * and the ones that load must build a lab or fail with a typed error naming the key path — never another exception.
 * The seed comes from {@code exha.fuzz.seed} (printed) or a fixed default.
 */
class ExchangeSectionFuzzTest {
    private static final long DEFAULT_SEED = 20090730L;
    private static final int CASES = 4_000;
    private static final int LAB_BUILDS = 25;
    private static final String[] WORDS = {
        "EXCHCMS", "EVS1", "NODE1", "NODE9", "2007 SP1", "2003 RTM", "2010", "STANDARD", "ENTERPRISE", "SHARED",
        "NON_SHARED", "Mailbox", "HubTransport", "Edge", "'F:\\X'", "'relative'", "'C:\\a<b'", "0", "-1", "100001",
        "1.5", "null", "~", "[]", "{}", "First Storage Group", "EXCHCMS\\First Storage Group", "a\\b\\c\\d", "75KB",
        "0KB", "uniform", "weird", "count", "name", "workload", "PUBLIC_FOLDER", "true", "''",
    };

    private final TopologyLoader loader = new TopologyLoader(Set.of(new StorageSection(), new HostsSection(),
            new ClustersSection(), new ExchangeSection()));
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Test
    void everyMutationLoadsAndBuildsOrFailsWithATypedError() throws IOException {
        long seed = Long.getLong("exha.fuzz.seed", DEFAULT_SEED);
        System.out.println("ExchangeSectionFuzzTest seed: " + seed + " (rerun with -Dexha.fuzz.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        List<String> examples = List.of(resource("seed-001-evs-rolling-upgrade.yaml"), resource("seed-002-scc.yaml"));
        int loaded = 0;
        int built = 0;
        for (int i = 0; i < CASES; i++) {
            String text = mutate(examples.get(random.nextInt(examples.size())), random);
            try {
                loader.parse("fuzz.yaml", text);
                loaded++;
            } catch (ExhaException e) {
                if (e.position().isEmpty() || e.code() == CoreErrorCode.INTERNAL_ERROR) {
                    fail("case " + i + " (seed " + seed + "): " + e.describe() + " in:\n" + text, e);
                }
                outcomes.merge(e.code().id(), 1, Integer::sum);
                continue;
            } catch (RuntimeException e) {
                fail("case " + i + " (seed " + seed + "): " + e + " escaped the loader for:\n" + text, e);
            }
            if (built < LAB_BUILDS) {
                built++;
                try {
                    Lab lab = Lab.create(LabSpec.of(TopologySource.text("fuzz.yaml", text)), new ClusterModule(),
                            new ExchangeModule());
                    assertThat(lab.instance(ExchangeDirectory.class).organization().name()).isNotBlank();
                    outcomes.merge("built", 1, Integer::sum);
                } catch (ExhaException e) {
                    if (e.code() == CoreErrorCode.INTERNAL_ERROR) {
                        fail("case " + i + " (seed " + seed + "): exha's own defect " + e.describe(), e);
                    }
                    outcomes.merge("build:" + e.code().id(), 1, Integer::sum);
                } catch (RuntimeException e) {
                    fail("case " + i + " (seed " + seed + "): " + e + " escaped the lab build for:\n" + text, e);
                }
            }
        }
        System.out.println("ExchangeSectionFuzzTest: " + CASES + " cases, outcomes " + outcomes);
        assertThat(loaded).as("some mutations must still load").isPositive();
        assertThat(outcomes).containsKey("built");
    }

    // Replaces a value, deletes a line or duplicates one, in the exchange: section only.
    private static String mutate(String example, SplittableRandom random) {
        int start = example.indexOf("\nexchange:");
        String head = example.substring(0, start + 1);
        String[] lines = example.substring(start + 1).split("\n", -1);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int index = 1 + random.nextInt(lines.length - 1);
            String line = lines[index];
            switch (random.nextInt(4)) {
                case 0 -> {
                    int colon = line.lastIndexOf(": ");
                    if (colon > 0) {
                        int end = line.indexOf(',', colon);
                        end = end < 0 ? line.indexOf('}', colon) : end;
                        end = end < 0 ? line.length() : end;
                        lines[index] = line.substring(0, colon + 2) + WORDS[random.nextInt(WORDS.length)]
                                + line.substring(end);
                    }
                }
                case 1 -> lines[index] = "";
                case 2 -> lines[index] = line + "\n" + line;
                default -> lines[index] = line.replace(WORDS[random.nextInt(WORDS.length)].replace("'", ""),
                        WORDS[random.nextInt(WORDS.length)]);
            }
        }
        return head + String.join("\n", lines);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExchangeSectionFuzzTest.class.getResourceAsStream("/topologies/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
