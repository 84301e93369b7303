package io.github.exha.archfixtures.sandbox.compliant.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compliant: the CLI reads the runbook file named on its command line and sets the exit code. */
public class RunbookFileReader {
    public String read(Path runbook) throws IOException {
        return Files.readString(runbook);
    }

    public void exit(int code) {
        System.exit(code);
    }
}
