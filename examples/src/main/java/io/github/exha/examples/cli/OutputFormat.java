package io.github.exha.examples.cli;

/** How {@code exha} prints results. */
enum OutputFormat {
    /** PowerShell-like text for people. */
    TEXT,
    /** One JSON object, for tools. */
    JSON
}
