package io.github.exha.archfixtures.sandbox.violating.core.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Violation: only TopologyLoader itself is exempt, not its neighbours (a topology must not read other files). */
public class TopologyLoaderHelper {
    public String include(Path other) throws IOException {
        return Files.readString(other);
    }
}
