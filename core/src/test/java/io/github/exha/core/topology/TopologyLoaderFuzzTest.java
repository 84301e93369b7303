package io.github.exha.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Feeds the loader random YAML-ish text and mutations of the example topologies: every outcome must be a
 * {@link Topology} or an {@link ExhaException} with a position. The seed comes from {@code exha.fuzz.seed}
 * (printed, so a failure can be replayed) or a fixed default.
 */
class TopologyLoaderFuzzTest {
    private static final long DEFAULT_SEED = 20080301L;
    private static final int RANDOM_CASES = 10_000;
    private static final int MUTATION_CASES = 12_000;
    private static final String ALPHABET_HEAVY = ":-[]{},&*!|>'\"#%@?~ \n\n\n  \t";
    private static final String ALPHABET_WORDS = "abcdefghijklmnopqrstuvwxyzNSEHCDR0123456789._/";
    private static final String[] FRAGMENTS = {
        "name: ", "seed: ", "start: ", "description: ", "hosts:", "  - ", "    ", "nics:", "subnet: 10.0.0.0/8", "role: ccr",
        "cpus: 4", "heartbeat: PT1S", "&a ", "*a", "!!binary ", "!foo ", "<<: *a", "---", "...", "? ", "|", ">-", "\"\\x\"",
        "'it''s'", "~", "null", "yes", "0x1F", "1_000", "1e9999", "9223372036854775808", "-.inf", "2008-03-01T00:00:00Z",
        "\uFEFF", "\u0085", "\u2028", "\r", "\r\n", "\u0000", "\u001b", "\uD83D\uDCBE", "\uD800", "é", "%YAML 1.1", "%TAG ! tag:x,2000:",
    };

    private final TopologyLoader loader = new TopologyLoader(Set.of(new SampleHostsSection()));
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @Test
    void everyInputLoadsOrFailsWithAPositionedExhaException() throws IOException {
        long seed = Long.getLong("exha.fuzz.seed", DEFAULT_SEED);
        System.out.println("TopologyLoaderFuzzTest seed: " + seed + " (rerun with -Dexha.fuzz.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        List<String> examples = List.of(resource("minimal.yaml"), resource("two-site-ccr.yaml"), resource("flow-style.yaml"));
        int loaded = 0;
        int cases = 0;
        for (int i = 0; i < RANDOM_CASES; i++, cases++) {
            loaded += check(randomText(random), seed, cases);
        }
        for (int i = 0; i < MUTATION_CASES; i++, cases++) {
            String example = examples.get(random.nextInt(examples.size()));
            loaded += check(mutate(example, random, 1 + random.nextInt(4)), seed, cases);
        }
        System.out.println("TopologyLoaderFuzzTest: " + cases + " cases, outcomes " + outcomes);
        assertThat(cases).isGreaterThanOrEqualTo(20_000);
        assertThat(loaded).as("some mutations must still load, or the fuzzer only exercises the first error").isPositive();
    }

    private int check(String text, long seed, int index) {
        try {
            Topology topology = loader.parse("fuzz.yaml", text);
            assertThat(topology.name()).isNotBlank();
            outcomes.merge("loaded", 1, Integer::sum);
            return 1;
        } catch (ExhaException e) {
            if (e.position().isEmpty()) {
                fail("case " + index + " (seed " + seed + "): no position for " + e.describe() + " in:\n" + escape(text), e);
            }
            if (e.code() == CoreErrorCode.INTERNAL_ERROR) {
                fail("case " + index + " (seed " + seed + "): exha's own defect " + e.describe() + " in:\n" + escape(text), e);
            }
            outcomes.merge(e.code().id(), 1, Integer::sum);
            return 0;
        } catch (RuntimeException | Error e) {
            fail("case " + index + " (seed " + seed + "): " + e + " escaped for:\n" + escape(text), e);
            return 0;
        }
    }

    private static String randomText(SplittableRandom random) {
        int length = random.nextInt(1, 200);
        StringBuilder out = new StringBuilder(length + 32);
        if (random.nextInt(3) == 0) {
            out.append("name: x\n");
        }
        while (out.length() < length) {
            int pick = random.nextInt(100);
            if (pick < 40) {
                out.append(ALPHABET_HEAVY.charAt(random.nextInt(ALPHABET_HEAVY.length())));
            } else if (pick < 70) {
                out.append(ALPHABET_WORDS.charAt(random.nextInt(ALPHABET_WORDS.length())));
            } else if (pick < 90) {
                out.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            } else if (pick < 95) {
                out.append((char) random.nextInt(0x20));
            } else {
                out.appendCodePoint(random.nextInt(0x80, 0x10FFFF));
            }
        }
        return out.toString();
    }

    private static String mutate(String text, SplittableRandom random, int mutations) {
        String current = text;
        for (int m = 0; m < mutations; m++) {
            List<String> lines = new ArrayList<>(List.of(current.split("\n", -1)));
            int line = random.nextInt(lines.size());
            int at = current.isEmpty() ? 0 : random.nextInt(current.length());
            current = switch (random.nextInt(9)) {
                case 0 -> { lines.remove(line); yield String.join("\n", lines); }
                case 1 -> { lines.add(line, lines.get(random.nextInt(lines.size()))); yield String.join("\n", lines); }
                case 2 -> { lines.set(line, randomText(random).replace("\n", "")); yield String.join("\n", lines); }
                case 3 -> { lines.set(line, " ".repeat(random.nextInt(4)) + lines.get(line)); yield String.join("\n", lines); }
                case 4 -> current.isEmpty() ? current : current.substring(0, at) + current.substring(at + 1);
                case 5 -> current.substring(0, at) + ALPHABET_HEAVY.charAt(random.nextInt(ALPHABET_HEAVY.length())) + current.substring(at);
                case 6 -> current.isEmpty() ? current
                        : current.substring(0, at) + ALPHABET_WORDS.charAt(random.nextInt(ALPHABET_WORDS.length())) + current.substring(at + 1);
                case 7 -> current.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + current.substring(at);
                default -> { String dup = current.substring(at, Math.min(current.length(), at + random.nextInt(1, 40)));
                    yield current.substring(0, at) + dup + current.substring(at); }
            };
        }
        return current;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(TopologyLoaderFuzzTest.class.getResourceAsStream("/topology/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n\n");
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
