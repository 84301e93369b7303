package io.github.exha.exchange.config;

import java.util.Objects;

/**
 * The registry values a failed setup leaves under {@code HKLM\Software\Microsoft\Exchange\v8.0\<role>}: the action it
 * was doing and how far it got. The next setup run sees them and resumes that action.
 *
 * @param role the registry key's role ({@code Mailbox}, {@code ClusteredMailboxServer})
 * @param action the {@code Action} value ({@code Install}, {@code BuildToBuildUpgrade}, ...)
 * @param watermark the {@code Watermark} value: the last step that completed
 */
public record SetupWatermark(String role, String action, String watermark) {
    /** Validates the values. */
    public SetupWatermark {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(watermark, "watermark");
    }

    /** {@code HKLM\Software\Microsoft\Exchange\v8.0\<role>}. */
    public String registryKey() {
        return "HKLM\\Software\\Microsoft\\Exchange\\v8.0\\" + role;
    }
}
