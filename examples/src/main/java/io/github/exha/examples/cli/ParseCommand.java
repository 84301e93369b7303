package io.github.exha.examples.cli;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.runbook.Runbook;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code exha parse RUNBOOK}: syntax check only. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Check a runbook's syntax without running it. Exit 0 if it parses, 2 with file:line:col if not.")
final class ParseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUNBOOK", description = "The runbook file (.ps1).")
    Path runbook;

    @Override
    public Integer call() {
        try {
            Runbook parsed = RunbookFiles.parse(runbook);
            spec.commandLine().getOut().println(runbook + ": " + parsed.statements().size() + " statement"
                    + (parsed.statements().size() == 1 ? "" : "s") + ", syntax OK");
            return ExhaCli.OK;
        } catch (ExhaException e) {
            spec.commandLine().getErr().println(e.describe());
            return ExhaCli.USAGE;
        }
    }
}
