package io.github.exha.examples.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.BoundStatement;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.HostDirectory;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunbookRunner;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.ExamplesModule;
import io.github.exha.exchange.config.ExchangeDirectory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Every command a runbook can use, run with hostile parameter values on the shipped example worlds: names that exist
 * and names that do not, hostile Windows paths, huge, negative and malformed numbers and time spans, empty, very long
 * and exotic Unicode text. Each statement must parse, bind and run, or fail with a typed {@link ExhaException}: at
 * parse or bind time with a file position, at run time as a failed step (its position is the statement's line) whose
 * code is not {@code core.internal-error} — never another exception, never a hang. A step refused without virtual
 * time passing (a refusal before acting) must leave the world unchanged: no state change and no event-log entry in the
 * journal between its start and its end.
 *
 * <p>One lab per batch; each batch runs every registered command {@value #ROUNDS} times with fresh values, the world
 * carrying on from what the previous statements did (so later commands meet moved groups, stopped servers and
 * half-built clusters). The seed is printed; replay with {@code -Dexha.fuzz.seed=<seed>}; trace every statement with
 * {@code -Dexha.fuzz.trace=true}.
 */
class CommandParameterFuzzTest {
    private static final long DEFAULT_SEED = 20_081_123L;
    private static final List<String> TOPOLOGIES = List.of("seed-004-ccr.yaml", "seed-001-evs-rolling-upgrade.yaml",
            "seed-000-san-dr.yaml", "seed-003-scr.yaml", "seed-004-bare-hosts.yaml", "two-node-mns-fsw.yaml",
            "seed-002-scc.yaml", "two-site-scc.yaml");
    private static final int ROUNDS = 20;
    /** How many of the last names (the world's own identities) an identity parameter draws from. */
    private static final int IDENTITY_WINDOW = 24;
    /** A batch that takes longer than this on the wall clock is a hang. */
    private static final Duration BATCH_LIMIT = Duration.ofSeconds(60);
    /** Longer waits are bound but not run: simulating days of mail flow is slow, not hostile. */
    private static final Duration MAX_SLEEP = Duration.ofHours(1);

    private static final List<String> HOSTILE_TEXT = List.of("", " ", "x", "*", "?", "[a-z]", ".", "..", "-", "--",
            "-Force", "/moveto:X", "$null", "$true", "0", "-0", "''", "\"", "`", ";", "|", "&", "a,b", ",", "%s%n%d",
            "{0}", "${jndi:ldap://127.0.0.1/a}", "'; DROP TABLE x; --", "\u0000", "\t", "\u00a0", "\ufeff", "\u202eevil",
            "Ω≈ç√∫", "名前", "\ud835\udd18\ud835\udd2b", "\ud800", "A".repeat(300), "B".repeat(5_000),
            "999.999.1.1/255.0.0.0", "192.168.10.20/33", "192.168.10.20/255.255.255.0", "::1", "0.0.0.0",
            "Role=9", "MNSFileShare=\\\\NOSUCH\\FSW", "Name=", "=", "NOSUCHSERVER", "NOSUCH\\First Storage Group",
            "NOSUCH\\First Storage Group\\Mailbox Database", "\\", "\\\\", "First Storage Group\\", "a\\b\\c\\d\\e");
    /** Paths that must stay inside the simulated volumes or be refused the way Windows refuses them. */
    static final List<String> HOSTILE_PATHS = List.of("..\\..\\", "..\\..\\..\\etc\\passwd",
            "C:\\..\\..\\..\\etc\\passwd", "F:\\..\\..\\Windows\\System32", "\\\\server\\share\\x",
            "\\\\127.0.0.1\\c$\\Windows", "\\\\?\\C:\\x", "\\\\?\\UNC\\server\\share", "\\\\.\\PhysicalDrive0",
            "\\\\.\\C:\\x", "CON", "NUL", "COM1", "LPT1.txt", "C:\\CON", "F:\\DB\\nul.edb", "C:\\aux\\x", "/etc/passwd",
            "/", "\\", "file:///etc/passwd", "file://C:/x", "F:\\DB\\Mailbox Database.edb:stream",
            "F:\\DB\\x::$DATA", "C:\\x\u0000.txt", "C:\\" + "a\\".repeat(140), "C:\\" + "n".repeat(300),
            "F:\\" + "long folder name\\".repeat(20) + "x.edb", "C:", "C:x", "Z:\\nosuchdrive", "1:\\x", "~\\x",
            "%SystemRoot%\\x", "$env:TEMP\\x", "C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox",
            "F:\\DB\\.\\..\\Logs\\.", "F:\\Logs. \\x. ", "F:\\ \\x", "F:\\a<b", "F:\\a|b", "F:\\a\"b", "F:\\a*b",
            "F:\\a?b", "F:/Logs/x", "f:\\logs", "C:\\Windows\\System32\\drivers\\etc\\hosts");
    private static final List<String> NUMBERS = List.of("0", "1", "-1", "2", "50", "3600", "2147483647",
            "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999", "1e9", "1.5", "0x10", "0x7fffffff", "-0", "+5", "١٢٣", "NaN", "", "5KB");
    private static final List<String> TIME_SPANS = List.of("0.0:0:0", "00:00:00", "1:00:00", "7.00:00:00",
            "-1.00:00:00", "10675199.02:48:05.4775807", "99999999.00:00:00", "24:00:00", "00:60:00", "1:2", "abc",
            "1.2.3.4", "0:0:0.0000000001", "");
    private static final List<String> BOOLEANS = List.of("$true", "$false", "$TRUE", "1", "0", "2", "yes", "$null");
    private static final Pattern NAMES = Pattern.compile("(?m)^[\\s-]*(?:\\w+):\\s+['\"]?([A-Za-z][\\w .\\\\-]{0,60}?)['\"]?\\s*$");

    private final Map<String, Integer> outcomes = new TreeMap<>();
    private volatile String current = "(not started)";

    @Test
    void everyCommandWithHostileParametersRunsOrFailsWithATypedErrorAndRefusalsLeaveTheWorldUnchanged()
            throws IOException {
        long seed = Long.getLong("exha.fuzz.seed", DEFAULT_SEED);
        System.out.println("CommandParameterFuzzTest seed: " + seed + " (replay with -Dexha.fuzz.seed=" + seed + ")");
        long started = System.nanoTime();
        int cases = 0;
        Set<String> commandsRun = new LinkedHashSet<>();
        int registered = 0;
        long cpuNanos = 0;
        for (int t = 0; t < TOPOLOGIES.size(); t++) {
            Path file = Path.of("topologies", TOPOLOGIES.get(t));
            List<String> names = names(Files.readString(file));
            long batchSeed = seed + t;
            Batch batch = Assertions.assertTimeoutPreemptively(BATCH_LIMIT, () -> runBatch(file, batchSeed, names),
                    () -> "hang: batch " + file + " (seed " + batchSeed + ") did not finish within " + BATCH_LIMIT
                            + "; last statement: " + current);
            cases += batch.cases();
            commandsRun.addAll(batch.commands());
            registered = Math.max(registered, batch.registered());
            cpuNanos += batch.cpuNanos();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("CommandParameterFuzzTest: " + cases + " cases over " + commandsRun.size() + " commands on "
                + TOPOLOGIES.size() + " topologies in " + millis + " ms wall, " + cpuNanos / 1_000_000 + " ms CPU,"
                + " outcomes " + outcomes);
        assertThat(commandsRun).as("every registered command was run").hasSize(registered);
        assertThat(outcomes).containsKey("ok");
    }

    private record Batch(int cases, Set<String> commands, int registered, long cpuNanos) {
    }

    private Batch runBatch(Path file, long seed, List<String> names) {
        long cpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        SplittableRandom random = new SplittableRandom(seed);
        Lab lab = ExamplesModule.createLab(new LabSpec(TopologySource.file(file), OptionalLong.of(seed)));
        RunbookRunner runner = lab.instance(RunbookRunner.class);
        RunbookRunner.Execution execution = runner.start(new RunOptions(true, ConfirmPolicy.ACCEPT));
        List<Command> commands = lab.commands().all();
        List<String> hosts = lab.instance(HostDirectory.class).names();
        List<String> identities = identities(lab, hosts);
        names = new ArrayList<>(new LinkedHashSet<>(names));
        names.addAll(identities);
        Set<String> run = new LinkedHashSet<>();
        int cases = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (Command command : commands) {
                CommandDescriptor d = command.descriptor();
                if (d.requiresHost() || random.nextInt(4) == 0) {
                    String host = hosts.get(random.nextInt(hosts.size()));
                    if (execution.currentHost() != null) {
                        runStatement(lab, runner, execution, file, seed, "Exit-PSSession");
                    }
                    runStatement(lab, runner, execution, file, seed, "Enter-PSSession -ComputerName " + host);
                }
                String text = statement(d, random, names);
                if (random.nextInt(6) == 0) {
                    // Piped objects bind by property name: hostile values meet pipeline binding too.
                    List<Command> getters = commands.stream().filter(c -> c.descriptor().name().startsWith("Get-"))
                            .toList();
                    text = statement(pick(getters, random).descriptor(), random, names) + " | " + text;
                }
                runStatement(lab, runner, execution, file, seed, text);
                run.add(d.name());
                cases++;
            }
        }
        return new Batch(cases, run, commands.size(),
                ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted);
    }

    private void runStatement(Lab lab, RunbookRunner runner, RunbookRunner.Execution execution, Path file, long seed,
            String text) {
        current = file + " (seed " + seed + "): " + escape(text);
        if (Boolean.getBoolean("exha.fuzz.trace")) {
            System.out.println(current);
        }
        List<BoundStatement> bound;
        try {
            Runbook runbook = RunbookParser.parse("fuzz.ps1", text);
            bound = runner.check(runbook);
        } catch (ExhaException e) {
            if (e.position().isEmpty() || e.code() == CoreErrorCode.INTERNAL_ERROR) {
                fail("untyped or unpositioned refusal " + e.describe() + " for " + current, e);
            }
            outcomes.merge("refused:" + e.code().id(), 1, Integer::sum);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(e + " escaped parse/bind for " + current, e);
        }
        for (BoundStatement statement : bound) {
            if (longSleep(statement)) {
                // A valid wait of days is a long simulation the user asked for, not a hang: bound, not run.
                outcomes.merge("bound:long-sleep", 1, Integer::sum);
                continue;
            }
            int before = lab.journal().size();
            StepResult result;
            try {
                result = execution.run(statement);
            } catch (RuntimeException e) {
                throw new AssertionError(e + " escaped the run of " + current, e);
            }
            if (result.status() == StepStatus.OK) {
                outcomes.merge("ok", 1, Integer::sum);
                continue;
            }
            String code = result.error().code();
            if (code.equals(CoreErrorCode.INTERNAL_ERROR.id())) {
                fail("internal error (a defect) for " + current + ": " + result.error().message());
            }
            if (outcomes.merge("failed:" + code, 1, Integer::sum) == 1 && Boolean.getBoolean("exha.fuzz.samples")) {
                System.out.println("first failed:" + code + " " + current + " -> " + result.error().message());
            }
            if (result.start().equals(result.end())) {
                List<JournalEntry> during = lab.journal().entries().subList(before, lab.journal().size());
                List<JournalEntry> changes = during.stream().filter(e -> e.type() == JournalEntry.Type.STATE_CHANGE
                        || e.type() == JournalEntry.Type.EVENT_LOG).toList();
                assertThat(changes).as("a refusal (%s) changed the world: %s", code, current).isEmpty();
            }
        }
    }

    private static boolean longSleep(BoundStatement statement) {
        return statement.calls().stream().filter(c -> c.command().descriptor().name().equals("Start-Sleep"))
                .anyMatch(c -> c.arguments().int32("Seconds").orElse(0) > MAX_SLEEP.toSeconds()
                        || c.arguments().int32("Milliseconds").orElse(0) > MAX_SLEEP.toMillis());
    }

    /** One invocation of the command with random parameters, written as a runbook line. */
    private static String statement(CommandDescriptor d, SplittableRandom random, List<String> names) {
        StringBuilder line = new StringBuilder(d.name());
        boolean nativeSyntax = d.syntax() == CommandSyntax.NATIVE;
        List<ParameterDescriptor> parameters = new ArrayList<>(d.parameters());
        // Mandatory parameters come first most of the time, so most statements get past binding to the command.
        List<ParameterDescriptor> chosen = new ArrayList<>();
        if (random.nextInt(10) != 0) {
            chosen.addAll(parameters.stream().filter(ParameterDescriptor::mandatory).toList());
            parameters.removeAll(chosen);
        }
        int optional = random.nextInt(Math.min(parameters.size(), 3) + 1);
        for (int p = 0; p < optional; p++) {
            chosen.add(parameters.remove(random.nextInt(parameters.size())));
        }
        if (nativeSyntax || random.nextInt(3) == 0) {
            // Positional words: native programs take objects, paths and verbs as words.
            int words = random.nextInt(nativeSyntax ? 4 : 2);
            for (int w = 0; w < words; w++) {
                line.append(' ').append(quote(anyValue(random, names), random));
            }
        }
        for (ParameterDescriptor parameter : chosen) {
            String mark = nativeSyntax ? "/" : "-";
            if (parameter.type().isSwitch()) {
                line.append(' ').append(mark).append(parameter.name());
                if (!nativeSyntax && random.nextInt(4) == 0) {
                    line.append(random.nextBoolean() ? ":$false" : ":$true");
                }
                continue;
            }
            String value = quote(value(parameter.type(), random, names), random);
            if (nativeSyntax || random.nextBoolean()) {
                line.append(' ').append(mark).append(parameter.name()).append(':').append(value);
            } else {
                line.append(' ').append(mark).append(parameter.name()).append(' ').append(value);
            }
        }
        if (d.supportsShouldProcess() && random.nextInt(8) == 0) {
            line.append(" -WhatIf");
        }
        return line.toString();
    }

    private static String value(ParameterType type, SplittableRandom random, List<String> names) {
        return switch (type.kind()) {
            case INT, LONG -> random.nextInt(5) == 0 ? anyValue(random, names) : pick(NUMBERS, random);
            case BOOL, SWITCH -> pick(BOOLEANS, random);
            case TIMESPAN -> random.nextInt(5) == 0 ? anyValue(random, names) : pick(TIME_SPANS, random);
            case ENUM -> random.nextBoolean() ? pick(type.enumNames(), random) : anyValue(random, names);
            case ARRAY -> {
                int count = 1 + random.nextInt(3);
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    parts.add(value(type.element(), random, names));
                }
                yield String.join(",", parts);
            }
            case STRING -> anyValue(random, names);
            // The world's identities sit at the end of names: mostly those, sometimes anything.
            case IDENTITY -> random.nextInt(4) == 0 ? anyValue(random, names)
                    : names.get(names.size() - 1 - random.nextInt(Math.min(names.size(), IDENTITY_WINDOW)));
        };
    }

    private static String anyValue(SplittableRandom random, List<String> names) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> pick(names, random);
            case 2 -> pick(HOSTILE_PATHS, random);
            case 3 -> pick(HOSTILE_TEXT, random);
            case 4 -> pick(NUMBERS, random);
            default -> pick(names, random) + "\\" + pick(names, random);
        };
    }

    /** Bare when the value is a plain word, else single-quoted (a doubled quote inside), sometimes double-quoted. */
    private static String quote(String value, SplittableRandom random) {
        if (value.matches("[A-Za-z0-9_.\\\\:$,]+") && random.nextBoolean()) {
            return value;
        }
        if (random.nextInt(4) == 0 && value.indexOf('"') < 0 && value.indexOf('`') < 0 && value.indexOf('$') < 0) {
            return "\"" + value + "\"";
        }
        String safe = value.replace("\r", "").replace("\n", "").replaceAll("[\u2018\u2019\u201A\u201B]", "'");
        return "'" + safe.replace("'", "''") + "'";
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    /** The names the topology gives (hosts, clusters, groups, servers, storage groups), and a few derived ones. */
    static List<String> names(String yaml) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAMES.matcher(yaml);
        while (matcher.find()) {
            names.add(matcher.group(1).strip());
        }
        List<String> servers = names.stream().filter(n -> n.matches("[A-Za-z][\\w-]*")).limit(12).toList();
        for (String server : servers) {
            names.add(server + "\\First Storage Group");
            names.add(server + "\\First Storage Group\\Mailbox Database");
            names.add(server + "\\Second Storage Group\\Public Folder Database");
        }
        names.add("First Storage Group");
        names.add("Mailbox Database");
        names.add("Cluster Group");
        return List.copyOf(names);
    }

    /** The world's own identities, so many statements get past "not found" into the commands' real checks. */
    private static List<String> identities(Lab lab, List<String> hosts) {
        Set<String> all = new LinkedHashSet<>(hosts);
        ExchangeDirectory directory = lab.instance(ExchangeDirectory.class);
        directory.servers().forEach(server -> all.add(server.name()));
        directory.storageGroups().forEach(group -> all.add(group.identity()));
        directory.databases().forEach(database -> all.add(database.identity()));
        directory.mailboxes().stream().limit(5).forEach(mailbox -> all.add(mailbox.alias()));
        return List.copyOf(all);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 32 || (c >= 0x7f && c < 0xa0) || c == 0x202e || c == 0xfeff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.length() > 400 ? out.substring(0, 400) + "...(" + out.length() + " chars)" : out.toString();
    }
}
