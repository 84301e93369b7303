package io.github.exha.archfixtures.sandbox.violating.cluster;

import java.io.IOException;

/** Violation: a runbook command that starts a process on the machine. */
public class ProcessStarter {
    public Process run(String command) throws IOException {
        return new ProcessBuilder(command).start();
    }
}
