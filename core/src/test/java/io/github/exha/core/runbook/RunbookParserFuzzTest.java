package io.github.exha.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.SourcePosition;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated runbook texts never make the parser throw anything but a positioned {@link ExhaException},
 * and what it does parse satisfies the AST's invariants.
 *
 * <p>Replay a failure with {@code -Dexha.fuzz.seed=<seed printed by the failing run>}.
 */
class RunbookParserFuzzTest {
    private static final long DEFAULT_SEED = 0x5EED_E8A7L;
    private static final int RANDOM_CASES = 12_000;
    private static final int MUTATED_CASES = 12_000;
    private static final String FILE = "fuzz.ps1";

    private static final Set<CoreErrorCode> SYNTAX_CODES = EnumSet.of(CoreErrorCode.UNTERMINATED_STRING,
            CoreErrorCode.UNEXPECTED_TOKEN, CoreErrorCode.UNSUPPORTED_SYNTAX, CoreErrorCode.EMPTY_PIPE_ELEMENT,
            CoreErrorCode.MISSING_ARGUMENT, CoreErrorCode.INVALID_CHARACTER, CoreErrorCode.RUNBOOK_TOO_LARGE);

    /** Heavy in the language's special characters; words appear so that some texts get past the first token. */
    private static final List<String> ALPHABET = List.of(
            "-", "-", "\u2013", "\u2014", "\u2015", "--",
            "\"", "\"", "\u201C", "\u201D", "\u201E", "'", "'", "\u2018", "\u2019", "\u201A", "\u201B",
            "`", "`", "|", "|", ";", ",", ",", "$", "$", "#", "<#", "#>", "/", "\\", ":", ":",
            "{", "}", "(", ")", "@", "&", ">", "<", "[", "]", "=", "*", "?", "_", ".", "0", "5", "2>",
            "\n", "\n", "\r", "\r\n", "\t", " ", " ", " ", " ", "\u00A0",
            "\0", "\u0001", "\u001B", "\u007F", "\u0085",
            "\u00E9", "\u00DF", "\u0416", "\u4E2D", "\uD83D\uDE00", "\uD800", "\uDC00", "\uFEFF",
            "a", "b", "Z", "Get-X", "setup.com", "-Name", "-Name:", "$true", "$x", "/CMSName:", "CCREX01");

    private static long seed() {
        String property = System.getProperty("exha.fuzz.seed");
        return property == null || property.isBlank() ? DEFAULT_SEED : Long.decode(property.strip());
    }

    @Test
    void randomAndMutatedTextsParseOrFailWithAPositionedRunbookError() {
        long seed = seed();
        System.out.println("RunbookParserFuzzTest seed: " + seed + " (replay with -Dexha.fuzz.seed=" + seed + ")");
        List<String> seeds = RunbookParserSeedLinesTest.seedLines();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            SplittableRandom random = new SplittableRandom(seed);
            int parsed = 0;
            for (int i = 0; i < RANDOM_CASES + MUTATED_CASES; i++) {
                String text = i < RANDOM_CASES ? randomText(random) : mutated(random, seeds);
                if (check(seed, i, text)) {
                    parsed++;
                }
            }
            System.out.println("RunbookParserFuzzTest: " + (RANDOM_CASES + MUTATED_CASES) + " cases, " + parsed
                    + " parsed");
            // Mutations of valid lines must often stay valid, or the fuzzer is not reaching the parser's depths.
            assertThat(parsed).isGreaterThan(MUTATED_CASES / 10);
        });
    }

    /** Parses one case; true when it parsed. Fails with the seed, case number and escaped text otherwise. */
    private static boolean check(long seed, int index, String text) {
        try {
            Runbook runbook = RunbookParser.parse(FILE, text);
            checkInvariants(text, runbook);
            return true;
        } catch (ExhaException e) {
            SourcePosition position = e.position().orElse(null);
            if (position == null || !SYNTAX_CODES.contains(e.code()) || !within(lineLengths(text), position)
                    || e.getMessage().isBlank()) {
                fail(describe(seed, index, text) + "\n  bad error: " + e.describe() + " (" + e.code() + ")", e);
            }
            return false;
        } catch (Throwable t) {
            fail(describe(seed, index, text) + "\n  threw " + t, t);
            return false;
        }
    }

    /** Checked by hand rather than with AssertJ: this runs for every parsed case and must stay fast. */
    private static void checkInvariants(String text, Runbook runbook) {
        int[] lineLengths = lineLengths(text);
        require(runbook.file().equals(FILE), "file name kept");
        for (Statement statement : runbook.statements()) {
            require(!statement.text().isEmpty() && text.contains(statement.text()),
                    "statement text '" + statement.text() + "' occurs in the input");
            requireWithin(lineLengths, statement.position());
            require(statement.position().equals(statement.pipeline().get(0).position()),
                    "statement starts at its first command");
            for (CommandCall command : statement.pipeline()) {
                requireWithin(lineLengths, command.position());
                for (CommandElement element : command.elements()) {
                    requireWithin(lineLengths, element.position());
                    if (element instanceof ParameterElement parameter) {
                        require(text.contains(parameter.rawText()), "parameter raw text occurs in the input");
                        parameter.attached().ifPresent(value -> requireValueWithin(lineLengths, value));
                    } else if (element instanceof SlashSwitchElement slash) {
                        require(slash.rawText().startsWith("/") && text.contains(slash.rawText()),
                                "slash switch raw text occurs in the input");
                    } else if (element instanceof ArgumentElement argument) {
                        requireValueWithin(lineLengths, argument.value());
                    }
                }
            }
        }
    }

    private static void requireValueWithin(int[] lineLengths, Value value) {
        requireWithin(lineLengths, value.position());
        if (value instanceof Value.ArrayLiteral array) {
            require(array.elements().size() >= 2, "an array has two or more elements");
            for (Value element : array.elements()) {
                require(!(element instanceof Value.ArrayLiteral), "arrays do not nest");
                requireWithin(lineLengths, element.position());
            }
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("invariant broken: " + what);
        }
    }

    private static void requireWithin(int[] lineLengths, SourcePosition position) {
        require(within(lineLengths, position), position + " within the text");
    }

    /** Whether a position names an existing line and a column at most one past that line's end. */
    private static boolean within(int[] lineLengths, SourcePosition position) {
        return FILE.equals(position.file()) && position.line() >= 1 && position.line() <= lineLengths.length
                && position.column() >= 1 && position.column() <= lineLengths[position.line() - 1] + 1;
    }

    /** The length of each line, computed independently of the parser (a leading BOM is not on line 1). */
    private static int[] lineLengths(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return Arrays.stream(body.split("\r\n|\r|\n", -1)).mapToInt(String::length).toArray();
    }

    private static String randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            text.append(ALPHABET.get(random.nextInt(ALPHABET.size())));
        }
        return text.toString();
    }

    /** One to four edits of one or more seed lines: insert, delete, replace, duplicate or swap chars and slices. */
    private static String mutated(SplittableRandom random, List<String> seeds) {
        StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
        if (random.nextInt(4) == 0) {
            text.append(random.nextBoolean() ? "\r\n" : "\n").append(seeds.get(random.nextInt(seeds.size())));
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int length = text.length();
            int at = random.nextInt(length + 1);
            switch (random.nextInt(7)) {
                case 0 -> text.insert(at, ALPHABET.get(random.nextInt(ALPHABET.size())));
                case 1 -> {
                    if (at < length) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < length) {
                        text.replace(at, at + 1, ALPHABET.get(random.nextInt(ALPHABET.size())));
                    }
                }
                case 3 -> {
                    int end = Math.min(length, at + random.nextInt(12));
                    text.insert(random.nextInt(length + 1), text.substring(at, end));
                }
                case 4 -> {
                    int end = Math.min(length, at + 1 + random.nextInt(12));
                    if (at < end) {
                        text.delete(at, end);
                    }
                }
                case 5 -> {
                    // Swap two slices: [a, b) and [c, d) with b <= c.
                    int[] cuts = random.ints(4, 0, length + 1).sorted().toArray();
                    String left = text.substring(cuts[0], cuts[1]);
                    String middle = text.substring(cuts[1], cuts[2]);
                    String right = text.substring(cuts[2], cuts[3]);
                    text.replace(cuts[0], cuts[3], right + middle + left);
                }
                default -> {
                    int other = random.nextInt(length + 1);
                    int from = Math.min(at, other);
                    int to = Math.max(at, other);
                    if (to < length && from < to) {
                        char first = text.charAt(from);
                        text.setCharAt(from, text.charAt(to));
                        text.setCharAt(to, first);
                    }
                }
            }
        }
        return text.toString();
    }

    private static String describe(long seed, int index, String text) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                escaped.append(c);
            } else {
                escaped.append(String.format("\\u%04X", (int) c));
            }
        }
        return "seed " + seed + ", case " + index + ", text \"" + escaped + "\"";
    }
}
