package io.github.exha.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code exha} command. Exit codes: 0 every command succeeded; 1 a command failed (or an invariant broke);
 * 2 usage, parse, binding or topology error, printed as {@code file:line:col: message}; 3 an internal error of exha.
 */
@Command(name = "exha", mixinStandardHelpOptions = true, versionProvider = ExhaCli.Version.class,
        description = "Rehearse Exchange 2003/2007 high-availability runbooks on a deterministic simulated world.",
        subcommands = {RunCommand.class, ScenarioCommand.class, ScenariosCommand.class, ChaosCommand.class,
            EstimateCommand.class, ParseCommand.class, CommandsCommand.class, ShellCommand.class,
            CommandLine.HelpCommand.class})
public final class ExhaCli {
    /** Exit code: every command succeeded. */
    public static final int OK = 0;
    /** Exit code: a command failed, or an invariant did not hold. */
    public static final int FAILED = 1;
    /** Exit code: bad usage, or a runbook or topology that does not parse or bind. */
    public static final int USAGE = 2;
    /** Exit code: exha itself failed. */
    public static final int INTERNAL = 3;

    /** Runs {@code exha} and exits with its code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }

    /** Runs {@code exha} with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ExhaCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("exha: internal error: " + e);
            return INTERNAL;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ExhaCli.class.getPackage().getImplementationVersion();
            return new String[] {"exha " + (version == null ? "(development build)" : version)};
        }
    }
}
