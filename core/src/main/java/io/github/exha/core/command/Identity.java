package io.github.exha.core.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An Exchange-style identity as typed in EMS: {@code CCREX01}, {@code CCREX01\First Storage Group},
 * {@code CCREX01\First Storage Group\Mailbox Database}. Comparison is case-insensitive, as in Active Directory.
 *
 * @param text the identity exactly as given
 */
public record Identity(String text) {
    public Identity {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("an identity must not be blank");
        }
    }

    /** The backslash-separated parts: server, storage group, database. */
    public List<String> parts() {
        return List.copyOf(Arrays.asList(text.split("\\\\", -1)));
    }

    /** Whether this identity names the same object as {@code other} (case-insensitive). */
    public boolean matches(String other) {
        return text.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return text;
    }
}
