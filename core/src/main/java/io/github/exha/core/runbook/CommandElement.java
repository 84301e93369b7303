package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;

/** An element after a command's name: a {@code -Parameter}, a {@code /Switch} or an argument value. */
public sealed interface CommandElement permits ParameterElement, SlashSwitchElement, ArgumentElement {
    /** Where the element starts. */
    SourcePosition position();
}
