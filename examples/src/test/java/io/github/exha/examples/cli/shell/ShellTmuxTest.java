package io.github.exha.examples.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.exha.examples.cli.ExhaCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exha shell} on a real terminal: the CLI runs in a tmux pane, keys are sent with {@code send-keys} and the
 * screen is read with {@code capture-pane}. Every wait polls the screen up to a bound; none is a fixed sleep. Without
 * tmux the test is skipped, except under CI (env {@code CI} set), where {@code .ci/run} installs it.
 */
class ShellTmuxTest {
    /** Starting a JVM and building the lab on a busy machine. */
    private static final Duration START = Duration.ofSeconds(300);
    /** One command's output. */
    private static final Duration STEP = Duration.ofSeconds(60);

    private final String server = "exha-shell-test-" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @AfterEach
    void killServer() throws IOException, InterruptedException {
        tmux(false, "kill-server");
    }

    @Test
    void aSessionDrivenFromTheKeyboard() throws IOException, InterruptedException {
        requireTmux();
        Path history = dir.resolve("history");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire's own class path property holds the test class path even when it forks with a manifest jar.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> start = new ArrayList<>(List.of("-f", "/dev/null", "new-session", "-d", "-s", "exha", "-x", "200",
                "-y", "50", "-c", Path.of("").toAbsolutePath().toString(), "--", java, "-cp", classPath,
                ExhaCli.class.getName(), "shell", "--topology",
                Path.of("topologies/seed-002-scc.yaml").toAbsolutePath().toString(), "--history", history.toString()));
        tmux(true, start.toArray(String[]::new));
        // Keep the pane after the shell ends, to read its summary.
        tmux(true, "set-option", "-t", "exha", "remain-on-exit", "on");

        waitFor(START, s -> s.contains("[PS] 2009-07-30 09:00:00> "), "the first prompt, with the virtual clock");

        keys("Get-StorageGr");
        press("Tab");
        waitFor(STEP, s -> s.contains("Get-StorageGroupCopyStatus"), "both commands listed by an ambiguous Tab");
        keys(" -Ide");
        press("Tab");
        keys("EXCHMAILBOX\\F");
        press("Tab");
        waitFor(STEP, s -> s.contains("Get-StorageGroup -Identity 'EXCHMAILBOX\\First Storage Group'"),
                "the parameter and the quoted storage group completed");
        press("Enter");
        waitFor(STEP, s -> s.contains("First Storage Group EXCHMAILBOX None"), "Get-StorageGroup's table");

        keys("New-StorageGroup -Server EXCHMAILBOX -Name SG3 -WhatIf");
        press("Enter");
        waitFor(STEP, s -> s.contains("What if: Performing operation \"New-StorageGroup\" on Target"
                + " \"EXCHMAILBOX\\SG3\"."), "the -WhatIf preview");

        keys("Start-Sleep -Seconds 90");
        press("Enter");
        waitFor(STEP, s -> s.contains("(1m30s virtual)") && s.contains("[PS] 2009-07-30 09:01:30> "),
                "the prompt's clock 90 s later");

        keys("Get-MailboxDatabase -Identity Nope");
        press("Enter");
        waitFor(STEP, s -> s.contains("error exchange.object-not-found: The operation could not be performed because"
                + " object 'Nope' could not be found"), "the error, the session still open");

        keys("Get-Date half typed");
        waitFor(STEP, s -> s.contains("> Get-Date half typed"), "the half-typed line");
        press("C-c");
        // Ctrl-C reaches JLine as a signal: type on only once the fresh prompt shows, or keys join the dropped line.
        waitFor(STEP, s -> lastLine(s).equals("[PS] 2009-07-30 09:01:30>") && s.contains("> Get-Date half typed\n"),
                "a fresh prompt after Ctrl-C");
        keys("Get-Da");
        press("Tab");
        waitFor(STEP, s -> lastLine(s).equals("[PS] 2009-07-30 09:01:30> Get-Date"),
                "a fresh line after Ctrl-C, completing a command");
        press("C-u");
        waitFor(STEP, s -> lastLine(s).equals("[PS] 2009-07-30 09:01:30>"), "the line cleared");

        press("Up");
        press("Up");
        waitFor(STEP, s -> lastLine(s).equals("[PS] 2009-07-30 09:01:30> Start-Sleep -Seconds 90"),
                "the sleep recalled from history (Ctrl-C'd and unfinished lines are not in it)");
        press("Enter");
        waitFor(STEP, s -> s.contains("[PS] 2009-07-30 09:03:00> "), "the clock another 90 s on");

        keys("exit");
        press("Enter");
        String last = waitFor(STEP, s -> s.contains("5 steps: 4 ok, 1 failed, 0 skipped"), "the session's summary");
        assertThat(last).doesNotContain("half typed'", "positional-parameter-not-found");
        assertThat(Files.readString(history, StandardCharsets.UTF_8)).contains("Start-Sleep -Seconds 90", ":exit")
                .doesNotContain("half typed");
    }

    private void requireTmux() throws InterruptedException {
        boolean present;
        try {
            present = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (!present && System.getenv("CI") != null) {
            fail("tmux is not installed; CI needs it for the scripted shell test (.ci/run installs it)");
        }
        assumeTrue(present, "tmux is not installed");
    }

    private void keys(String literal) throws IOException, InterruptedException {
        tmux(true, "send-keys", "-t", "exha", "-l", literal);
    }

    private void press(String key) throws IOException, InterruptedException {
        tmux(true, "send-keys", "-t", "exha", key);
    }

    /** Polls the screen until it satisfies the predicate; fails with the screen after the bound. */
    private String waitFor(Duration bound, Predicate<String> ready, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux(true, "capture-pane", "-p", "-J", "-S", "-", "-t", "exha");
            if (ready.test(screen)) {
                return screen;
            }
            Thread.sleep(100);
        }
        return fail("waited " + bound.toSeconds() + " s for " + what + "; the screen:\n" + screen);
    }

    private static String lastLine(String screen) {
        String[] lines = screen.stripTrailing().split("\n");
        return lines[lines.length - 1].stripTrailing();
    }

    private String tmux(boolean check, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tmux " + String.join(" ", args) + " did not return");
        }
        if (check && process.exitValue() != 0) {
            fail("tmux " + args[0] + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }
}
