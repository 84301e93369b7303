package io.github.exha.core.command;

/** How a command's arguments are written and bound. */
public enum CommandSyntax {
    /** A PowerShell cmdlet: {@code -Name value}, {@code -Name:value}, switches, positional parameters. */
    CMDLET,
    /**
     * A native Windows program run on the session's host ({@code setup.com}, {@code cluster.exe},
     * {@code ServerManagerCmd}): {@code /Switch}, {@code /Switch:value}, {@code -option}, positional words.
     */
    NATIVE
}
