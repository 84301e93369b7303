package io.github.exha.examples.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.BoundStatement;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunbookRunner;
import io.github.exha.core.run.StepError;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.ExamplesModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path parameters are virtual Windows paths inside the simulated volumes: every command that takes one, given the
 * paths an attacker would try ({@code ..\..\}, UNC, device namespaces, reserved device names, POSIX and
 * {@code file:} paths, alternate data streams, embedded NUL, longer than MAX_PATH, and the absolute path of a real
 * directory of this machine), either works inside the simulated volume or fails with the error Windows gives, and
 * the machine's own filesystem is untouched.
 */
class HostilePathTest {
    private static final Path CCR = Path.of("topologies", "seed-004-ccr.yaml");
    /** The Win32 errors a path can legitimately fail with. */
    private static final Set<String> PATH_ERRORS = Set.of("2 (0x2)", "3 (0x3)", "5 (0x5)", "32 (0x20)", "53 (0x35)",
            "80 (0x50)", "123 (0x7B)", "183 (0xB7)", "206 (0xCE)");

    @TempDir
    Path sentinel;

    private Lab lab;
    private RunbookRunner runner;
    private RunbookRunner.Execution execution;

    @BeforeEach
    void world() throws IOException {
        Files.writeString(sentinel.resolve("sentinel.txt"), "untouched");
        lab = ExamplesModule.createLab(new LabSpec(TopologySource.file(CCR), OptionalLong.of(4L)));
        runner = lab.instance(RunbookRunner.class);
        execution = runner.start(new RunOptions(true, ConfirmPolicy.ACCEPT));
        assertThat(run("Enter-PSSession NODE1").status()).isEqualTo(StepStatus.OK);
    }

    @Test
    void everyPathCommandStaysInsideTheSimulatedVolumesAndTheMachinesFilesAreUntouched() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Set<String> cwdBefore = listing(cwd);
        Set<String> sentinelBefore = listing(sentinel);
        String real = sentinel.toAbsolutePath().toString();
        List<String> paths = new ArrayList<>(CommandParameterFuzzTest.HOSTILE_PATHS);
        paths.addAll(List.of(real, real + "/escaped", "\\\\?\\" + real + "\\escaped", "C:" + real + "\\escaped",
                "file://" + real + "/escaped", cwd + "/escaped", "..\\..\\..\\..\\..\\..\\..\\..\\" + real));
        Map<String, Integer> outcomes = new TreeMap<>();
        int index = 0;
        for (String path : paths) {
            String p = quoted(path);
            index++;
            run("mkdir F:\\probe" + index);
            List<String> statements = List.of("mkdir " + p, "dir " + p, "move " + p + " F:\\", "move F:\\probe" + index
                    + " " + p, "cacls " + p + " /E /G BUILTIN\\Administrators:F",
                    "eseutil /mh " + p,
                    "Test-Cluster -Node NODE1 -ReportName " + p,
                    "Move-DatabasePath -Identity 'EXCHCCR\\First Storage Group\\Mailbox Database' -EdbFilePath " + p
                            + " -ConfigurationOnly -Confirm:$false",
                    "Move-StorageGroupPath -Identity 'EXCHCCR\\First Storage Group' -LogFolderPath " + p
                            + " -SystemFolderPath " + p + " -ConfigurationOnly -Confirm:$false",
                    "Enable-StorageGroupCopy 'EXCHCCR\\First Storage Group' -CopyLogFolderPath " + p
                            + " -CopySystemFolderPath " + p,
                    "New-StorageGroup -Name Hostile" + index + " -Server EXCHCCR -LogFolderPath " + p
                            + " -SystemFolderPath " + p);
            for (String statement : statements) {
                StepResult result = run(statement);
                String outcome = result.status() == StepStatus.OK ? "ok" : result.error().code()
                        + (result.error().nativeCode() == null ? "" : " " + result.error().nativeCode());
                outcomes.merge(statement.substring(0, statement.indexOf(' ')) + " -> " + outcome, 1, Integer::sum);
                if (result.status() == StepStatus.FAILED) {
                    assertThat(result.error().code()).as(statement).isNotEqualTo(CoreErrorCode.INTERNAL_ERROR.id());
                    if (result.error().code().startsWith("cluster.fs.")) {
                        assertThat(result.error().nativeCode()).as("%s: %s", statement, result.error().message())
                                .isIn(PATH_ERRORS);
                    }
                }
            }
        }
        outcomes.forEach((k, v) -> System.out.println("HostilePathTest " + k + ": " + v));
        assertThat(listing(sentinel)).as("the real sentinel directory").isEqualTo(sentinelBefore);
        assertThat(Files.readString(sentinel.resolve("sentinel.txt"))).isEqualTo("untouched");
        assertThat(listing(cwd)).as("the working directory").isEqualTo(cwdBefore);
        assertThat(Path.of("/exha-probe")).doesNotExist();
    }

    @Test
    void dotDotStopsAtTheSimulatedVolumesRoot() {
        assertThat(run("mkdir 'C:\\..\\..\\..\\exha-probe'").status()).isEqualTo(StepStatus.OK);
        assertThat(run("mkdir '..\\..\\exha-probe'").error().nativeCode()).isEqualTo("123 (0x7B)");
        StepResult listing = run("dir C:\\");
        assertThat(listing.output().toString()).contains("exha-probe");
        assertThat(Path.of("/exha-probe")).doesNotExist();
        assertThat(Path.of("").toAbsolutePath().resolve("../../exha-probe")).doesNotExist();
        assertThat(run("dir 'C:\\..\\..\\..\\etc\\passwd'").error().nativeCode()).isIn("2 (0x2)", "3 (0x3)");
        // cmd creates the normal form only: F:\a\..\b is F:\b, and F:\a is not created on the way.
        assertThat(run("mkdir 'F:\\hostile-a\\..\\hostile-b'").status()).isEqualTo(StepStatus.OK);
        assertThat(run("dir F:\\").output().toString()).contains("hostile-b").doesNotContain("hostile-a");
        // Rooted without a drive: the session's current drive, the simulated C:.
        assertThat(run("mkdir '/exha-probe/sub'").status()).isEqualTo(StepStatus.OK);
        assertThat(run("dir C:\\exha-probe").output().toString()).contains("sub");
    }

    @Test
    void networkDeviceReservedStreamAndOverlongPathsFailWithWindowsNumbers() {
        assertError("mkdir '\\\\server\\share\\x'", "cluster.fs.bad-netpath", "53 (0x35)",
                "The network path was not found.");
        assertError("dir '\\\\127.0.0.1\\c$\\Windows'", "cluster.fs.bad-netpath", "53 (0x35)", "network path");
        assertError("mkdir '\\\\.\\PhysicalDrive0'", "cluster.fs.invalid-name", "123 (0x7B)", "names a device");
        for (String reserved : List.of("CON", "C:\\CON", "C:\\NUL", "C:\\COM1", "C:\\LPT1.txt", "F:\\aux\\x")) {
            assertError("mkdir '" + reserved + "'", "cluster.fs.invalid-name", "123 (0x7B)", "syntax is incorrect");
        }
        assertError("mkdir 'F:\\DB\\x.edb:stream'", "cluster.fs.invalid-name", "123 (0x7B)", "syntax is incorrect");
        assertError("mkdir 'file:///etc/passwd'", "cluster.fs.invalid-name", "123 (0x7B)", "syntax is incorrect");
        assertError("mkdir 'C:\\" + "a\\".repeat(140) + "'", "cluster.fs.name-too-long", "206 (0xCE)",
                "The filename or extension is too long.");
        assertError("mkdir 'Z:\\x'", "cluster.fs.path-not-found", "3 (0x3)", "The system cannot find the path");
        assertThat(run("mkdir '\\\\?\\F:\\via-prefix'").status()).isEqualTo(StepStatus.OK);
        assertThat(run("dir F:\\").output().toString()).contains("via-prefix");
    }

    @Test
    void anEmbeddedNulIsRefusedWithItsPosition() {
        // A runbook cannot carry a NUL inside a path: the lexer refuses the character where it stands.
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> RunbookParser.parse("nul.ps1", "mkdir 'C:\\x\u0000.txt'"), ExhaException.class))
                .satisfies(e -> assertThat(e.describe()).startsWith("nul.ps1:1:12: The control character 'U+0000'"));
    }

    private void assertError(String statement, String code, String nativeCode, String text) {
        StepResult result = run(statement);
        assertThat(result.status()).as(statement).isEqualTo(StepStatus.FAILED);
        assertThat(result.error().code()).as(statement).isEqualTo(code);
        assertThat(result.error().nativeCode()).as(statement).isEqualTo(nativeCode);
        assertThat(result.error().message()).as(statement).contains(text);
    }

    /** Runs one statement; a parse or bind refusal (with its position) is returned as a failed step of line 1. */
    private StepResult run(String statement) {
        List<BoundStatement> bound;
        try {
            bound = runner.check(RunbookParser.parse("paths.ps1", statement));
        } catch (ExhaException e) {
            assertThat(e.describe()).as(statement).startsWith("paths.ps1:1:");
            return new StepResult(1, statement, null, StepStatus.FAILED, null, null, List.of(), StepError.of(e));
        }
        return execution.run(bound.get(0));
    }

    private static String quoted(String path) {
        return "'" + path.replace("'", "''") + "'";
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }
}
