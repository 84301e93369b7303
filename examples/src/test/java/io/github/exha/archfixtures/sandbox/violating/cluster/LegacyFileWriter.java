package io.github.exha.archfixtures.sandbox.violating.cluster;

import java.io.FileOutputStream;
import java.io.IOException;

/** Violation: java.io file streams. */
public class LegacyFileWriter {
    public void write(String name) throws IOException {
        try (FileOutputStream out = new FileOutputStream(name)) {
            out.write(1);
        }
    }
}
