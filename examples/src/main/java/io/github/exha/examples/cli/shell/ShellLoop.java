package io.github.exha.examples.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The read-run-print loop of {@code exha shell} on a JLine terminal (the console, or a test's); {@link #runScript}
 * runs stdin that is not a terminal. Ctrl-C cancels the line being typed; Ctrl-D, or {@code exit} outside a remote
 * session, ends the session ({@code exit} inside an {@code Enter-PSSession} session leaves it, as in PowerShell).
 */
public final class ShellLoop {
    private final ShellSession session;
    private final LineReader reader;

    /**
     * A loop reading from the terminal.
     *
     * @param history the history file (loaded now, appended to as lines are entered), or null for none
     */
    public ShellLoop(ShellSession session, Terminal terminal, Path history) {
        this.session = session;
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("exha")
                .parser(new ShellParser()).completer(new ShellCompleter(session))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, ">> ")
                // '!' and '\' are a runbook's own characters, not history references or escapes.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false);
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        this.reader = builder.build();
    }

    /** Reads and runs entries until Ctrl-D or {@code exit}, then prints the session's summary. */
    public void run() {
        PrintWriter out = reader.getTerminal().writer();
        banner(session, out);
        while (true) {
            String entry;
            try {
                entry = reader.readLine(session.prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (!enter(session, entry, out)) {
                break;
            }
        }
        session.finish(out);
        out.flush();
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("exha: the history could not be saved: " + e.getMessage());
            out.flush();
        }
    }

    /**
     * Runs the lines of a script (stdin that is not a terminal) as if typed: each echoed after the prompt, a
     * statement continued over lines as at the {@code >> } prompt, until the end of the input or {@code exit}.
     */
    public static void runScript(ShellSession session, BufferedReader in, PrintWriter out) throws IOException {
        banner(session, out);
        StringBuilder entry = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            out.println((entry.length() == 0 ? session.prompt() : ">> ") + line);
            entry.append(line);
            if (ShellParser.needsContinuation(entry.toString())) {
                entry.append('\n');
                continue;
            }
            String text = entry.toString();
            entry.setLength(0);
            if (!enter(session, text, out)) {
                break;
            }
        }
        if (entry.length() > 0) {
            // The input ended inside a statement: run it, so its error (unterminated string...) is shown.
            enter(session, entry.toString(), out);
        }
        session.finish(out);
        out.flush();
    }

    private static void banner(ShellSession session, PrintWriter out) {
        out.println("exha shell: lab '" + session.lab().topology().name() + "', seed " + session.lab().seed()
                + ". Tab completes commands, parameters and names; -WhatIf previews; Start-Sleep moves the clock;"
                + " exit or Ctrl-D ends.");
        out.flush();
    }

    /** Runs one entry; false when it ends the session ({@code exit} outside a remote session). */
    private static boolean enter(ShellSession session, String entry, PrintWriter out) {
        String trimmed = entry.strip();
        if (trimmed.isEmpty()) {
            return true;
        }
        if (trimmed.toLowerCase(Locale.ROOT).equals("exit")) {
            if (session.currentHost() == null) {
                return false;
            }
            session.execute("Exit-PSSession", out);
        } else {
            session.execute(entry, out);
        }
        out.flush();
        return true;
    }
}
