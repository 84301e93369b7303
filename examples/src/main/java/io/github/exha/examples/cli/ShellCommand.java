package io.github.exha.examples.cli;

import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.error.ExhaException;
import io.github.exha.examples.cli.shell.ShellLoop;
import io.github.exha.examples.cli.shell.ShellSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code exha shell}: an interactive session on one simulated world that lives until the session ends. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"An interactive session on a simulated world: each line is a runbook statement, run at once"
                + " on the same world (history, tab completion of commands, parameters and names, -WhatIf).",
            "Virtual time moves only while a command takes time, Start-Sleep included; the prompt shows the clock.",
            "Ctrl-C cancels the line, Ctrl-D or exit ends the session. With stdin not a terminal, the lines read"
                + " from it are run in turn."})
final class ShellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--topology", paramLabel = "FILE",
            description = "The topology (YAML). Without it the world holds only the kernel.")
    Path topology;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice (default: the topology's).")
    Long seed;

    @Option(names = "--history", paramLabel = "FILE",
            description = "The history file (default: .exha_history in the home directory).")
    Path history;

    @Option(names = "--decline-confirmations",
            description = "Answer No to \"Are you sure?\" prompts (default: Yes).")
    boolean declineConfirmations;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ShellSession session;
        try {
            session = ShellSession.open(new LabSpec(topology == null ? TopologySource.minimal("shell")
                    : TopologySource.file(topology), seed == null ? OptionalLong.empty() : OptionalLong.of(seed)),
                    RunbookJob.confirmPolicy(declineConfirmations));
        } catch (ExhaException e) {
            err.println(e.describe());
            return ExhaCli.USAGE;
        }
        try {
            if (System.console() == null) {
                // Not a terminal (a pipe, a file): run the lines as a script, echoed after the prompt.
                ShellLoop.runScript(session, new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8)), spec.commandLine().getOut());
                return ExhaCli.OK;
            }
            Path historyFile = history != null ? history : Path.of(System.getProperty("user.home"), ".exha_history");
            try (Terminal terminal = TerminalBuilder.builder().name("exha").system(true).build()) {
                new ShellLoop(session, terminal, historyFile).run();
            }
        } catch (IOException e) {
            err.println("exha: " + e.getMessage());
            return ExhaCli.INTERNAL;
        }
        return ExhaCli.OK;
    }
}
