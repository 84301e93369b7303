package io.github.exha.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the HTML report ({@code --report FILE}) the report package rendered: the CLI is what touches files. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Writes {@code html} to {@code file}; on failure says why on {@code err} and returns false. */
    static boolean write(Path file, String html, PrintWriter err) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("exha: could not write the report to " + file + ": " + RunbookFiles.describe(e));
            return false;
        }
    }
}
