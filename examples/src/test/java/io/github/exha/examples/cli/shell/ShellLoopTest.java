package io.github.exha.examples.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.ConfirmPolicy;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-run-print loop: keys typed on a JLine terminal, and lines piped in as a script. */
class ShellLoopTest {
    private static final String TAB = "\t";
    private static final String ENTER = "\r";
    /** The Up arrow of an xterm in keypad-transmit mode (which JLine turns on): the previous history entry. */
    private static final String UP = "\u001bOA";
    /** A control sequence of the terminal: cursor moves, colours, modes. */
    private static final Pattern CONTROL = Pattern.compile("\u001b(\\[[?0-9;]*[A-Za-z]|[=>])|\r");

    @TempDir
    Path dir;

    private static ShellSession scc() {
        return ShellSession.open(LabSpec.of(TopologySource.file(Path.of("topologies/seed-002-scc.yaml"))),
                ConfirmPolicy.ACCEPT);
    }

    /**
     * Types the keys, then {@code exit}, on an xterm and returns what the screen received, without control
     * sequences. The lines as accepted (after completion, history recall) are in the history file.
     */
    private static String type(ShellSession session, Path history, String keys) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PipedInputStream keyboard = new PipedInputStream(1 << 16);
        try (PipedOutputStream fingers = new PipedOutputStream(keyboard);
                // A terminal over plain streams (TerminalBuilder would put a pseudo-terminal of the machine between).
                Terminal terminal = new ExternalTerminal("test", "xterm", keyboard, screen, StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(160, 50));
            // Raw before the first key arrives, as a real terminal is while JLine reads: no cooked echo.
            terminal.enterRawMode();
            // The keys end with exit; the keyboard stays open, as the end of input would drop keys not yet read.
            fingers.write((keys + "exit" + ENTER).getBytes(StandardCharsets.UTF_8));
            fingers.flush();
            new ShellLoop(session, terminal, history).run();
        }
        return CONTROL.matcher(screen.toString(StandardCharsets.UTF_8)).replaceAll("");
    }

    @Test
    void tabCompletesWhatIfPreviewsSleepMovesTheClockAndHistoryRecalls() throws IOException {
        Path history = dir.resolve("history");
        ShellSession session = scc();
        String screen = type(session, history,
                "Get-StorageG" + TAB + " -Ide" + TAB + "EXCHMAILBOX\\F" + TAB + ENTER
                + "New-StorageGroup -Server EXCHMAILBOX -Name SG3 -WhatIf" + ENTER
                + "Start-Sleep -Seconds 90" + ENTER
                + "Get-MailboxDatabase -Identity Nope" + ENTER
                + UP + UP + ENTER);
        // JLine's history file: "epoch millis:line", with backslashes doubled.
        List<String> entered = Files.readAllLines(history).stream().map(l -> l.substring(l.indexOf(':') + 1)
                .replace("\\\\", "\\")).toList();
        // Tab gave the command, the parameter, and the storage group quoted for its spaces.
        assertThat(entered.get(0)).isEqualTo("Get-StorageGroup -Identity 'EXCHMAILBOX\\First Storage Group'");
        assertThat(screen).contains("[PS] 2009-07-30 09:00:00> ", "First Storage Group EXCHMAILBOX None");
        assertThat(screen).contains("What if: Performing operation \"New-StorageGroup\" on Target \"EXCHMAILBOX\\SG3\".");
        assertThat(screen).contains("(1m30s virtual)", "[PS] 2009-07-30 09:01:30> ");
        assertThat(screen).contains("error exchange.object-not-found: The operation could not be performed because"
                + " object 'Nope' could not be found");
        // Two steps back in history is the sleep, run again. (Ctrl-C is the tmux test's: typed ahead here, it would
        // reach the terminal's signal handler before the line reader is waiting.)
        assertThat(screen).contains("[PS] 2009-07-30 09:03:00> ");
        assertThat(session.lab().clock().instant()).hasToString("2009-07-30T09:03:00Z");
        assertThat(screen).contains("5 steps: 4 ok, 1 failed, 0 skipped");
        assertThat(entered).hasSize(6);
        assertThat(entered.get(4)).isEqualTo("Start-Sleep -Seconds 90");
        assertThat(entered.get(5)).isEqualTo("exit");
    }

    @Test
    void historyIsReadBackByTheNextSession() throws IOException {
        Path history = dir.resolve("history");
        type(scc(), history, "Start-Sleep -Seconds 30" + ENTER);
        ShellSession next = scc();
        // The last entry is the exit that ended the first session; the one before it is the sleep.
        String screen = type(next, history, UP + UP + ENTER);
        assertThat(screen).contains("(30s virtual)");
        assertThat(next.lab().clock().instant()).hasToString("2009-07-30T09:00:30Z");
    }

    @Test
    void aPipeAtTheEndOfALineAsksForTheRest() throws IOException {
        String screen = type(scc(), null, "Get-StorageGroup |" + ENTER + "fl" + ENTER);
        assertThat(screen).contains(">> ", "LogFilePrefix          : E00", "LogFilePrefix          : E01");
    }

    @Test
    void aScriptRunsLineByLineOnOneWorld() throws IOException {
        StringWriter out = new StringWriter();
        ShellSession session = scc();
        ShellLoop.runScript(session, new BufferedReader(new StringReader(String.join("\n",
                "New-StorageGroup -Server EXCHMAILBOX -Name 'Third Storage Group'",
                "Get-Frobnicate -Now",
                "Enter-PSSession -ComputerName EXCHMAILBOX",
                "Write-Host 'one",
                "two'",
                "Get-StorageGroup 'EXCHMAILBOX\\Third Storage Group' |",
                "  fl Name, LogFilePrefix",
                "exit",
                "Start-Sleep -Seconds 90",
                "exit",
                "Get-Date"))), new PrintWriter(out));
        String transcript = out.toString();
        assertThat(transcript).contains("[PS] 2009-07-30 09:00:00> Get-Frobnicate -Now",
                "shell[2]:1:1: error core.unknown-command: The term 'Get-Frobnicate' is not recognized");
        assertThat(transcript).contains("[PS] 2009-07-30 09:00:00 EXCHMAILBOX> Write-Host 'one", ">> two'",
                "one\ntwo");
        assertThat(transcript).contains("LogFilePrefix : E02");
        // exit in the remote session leaves it, as in PowerShell; the next exit ends the shell before Get-Date.
        assertThat(transcript).contains("[PS] 2009-07-30 09:00:00> Start-Sleep -Seconds 90",
                "[PS] 2009-07-30 09:01:30> exit");
        assertThat(transcript).doesNotContain("Get-Date");
        assertThat(transcript).contains("6 steps: 6 ok, 0 failed, 0 skipped");
        assertThat(session.currentHost()).isNull();
    }
}
