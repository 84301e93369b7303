package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;
import java.util.Objects;
import java.util.Optional;

/**
 * A native-program switch: {@code /ClearLocalCMS}, {@code /CMSName:CCREX01}, {@code /moveto:Node2}.
 * Native commands (setup.com, cluster.exe, cacls) take these; for cmdlets the binder treats the raw text as a
 * positional argument.
 *
 * @param name the switch name without the slash, as written
 * @param value the text after the first {@code :} (unquoted), or null
 * @param rawText the token exactly as written
 * @param position where the slash is
 */
public record SlashSwitchElement(String name, String value, String rawText, SourcePosition position)
        implements CommandElement {
    public SlashSwitchElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rawText, "rawText");
        Objects.requireNonNull(position, "position");
    }

    /** The switch value, if written as {@code /Name:value}. */
    public Optional<String> valueText() {
        return Optional.ofNullable(value);
    }
}
