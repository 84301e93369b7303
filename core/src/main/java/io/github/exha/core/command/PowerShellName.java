package io.github.exha.core.command;

/**
 * Implemented by enums whose PowerShell spelling is not the PascalCase of the Java constant
 * ({@code GOOD_AVAILABILITY} is shown as {@code GoodAvailability} without this).
 */
public interface PowerShellName {
    /** The name as PowerShell shows and accepts it. */
    String powerShellName();
}
