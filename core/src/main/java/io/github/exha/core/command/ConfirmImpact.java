package io.github.exha.core.command;

/** PowerShell's ConfirmImpact: at {@link #HIGH} a cmdlet asks "Are you sure?" unless {@code -Confirm:$false}. */
public enum ConfirmImpact {
    /** Never prompts. */
    NONE,
    /** Prompts only with {@code -Confirm}. */
    LOW,
    /** Prompts only with {@code -Confirm} (EMS's default preference is High). */
    MEDIUM,
    /** Prompts by default, as {@code Dismount-Database} does. */
    HIGH
}
