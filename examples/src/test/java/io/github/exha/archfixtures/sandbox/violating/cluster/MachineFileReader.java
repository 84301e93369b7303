package io.github.exha.archfixtures.sandbox.violating.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Violation: a Windows path of a runbook read from the machine's filesystem. */
public class MachineFileReader {
    public byte[] read(String windowsPath) throws IOException {
        return Files.readAllBytes(Path.of(windowsPath));
    }
}
