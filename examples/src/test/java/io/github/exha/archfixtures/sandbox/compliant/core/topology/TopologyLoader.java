package io.github.exha.archfixtures.sandbox.compliant.core.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compliant: the topology loader reads its own file. */
public class TopologyLoader {
    public String load(Path file) throws IOException {
        return Files.readString(file);
    }
}
