package io.github.exha.core.command;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a command.
 *
 * @param name the canonical name, as {@code Get-Help} shows it ({@code StandbyMachine}; for native commands the
 *     switch without its slash, {@code CMSName})
 * @param type the value type
 * @param mandatory whether the command cannot run without it
 * @param position the 0-based position for positional binding, or {@link #NAMED} when it must be named
 * @param aliases other accepted names ({@code cn} for {@code CMSName}); matching is case-insensitive
 * @param valueFromPipeline whether objects arriving through the pipeline bind to it (by their identity)
 * @param help one line for {@code exha commands}
 */
public record ParameterDescriptor(String name, ParameterType type, boolean mandatory, int position, List<String> aliases,
        boolean valueFromPipeline, String help) {
    /** The position value of a parameter that must be named. */
    public static final int NAMED = -1;

    public ParameterDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        aliases = List.copyOf(aliases);
        if (name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        if (position < NAMED) {
            throw new IllegalArgumentException("position must be NAMED or >= 0: " + position);
        }
        if (type.isSwitch() && position != NAMED) {
            throw new IllegalArgumentException("a switch cannot be positional: " + name);
        }
    }

    /** A named, optional parameter; refine with the {@code with*} methods. */
    public static ParameterDescriptor named(String name, ParameterType type, String help) {
        return new ParameterDescriptor(name, type, false, NAMED, List.of(), false, help);
    }

    /** This parameter, mandatory. */
    public ParameterDescriptor required() {
        return new ParameterDescriptor(name, type, true, position, aliases, valueFromPipeline, help);
    }

    /** This parameter, also bound from the given 0-based position. */
    public ParameterDescriptor at(int newPosition) {
        return new ParameterDescriptor(name, type, mandatory, newPosition, aliases, valueFromPipeline, help);
    }

    /** This parameter, with other accepted names. */
    public ParameterDescriptor alias(String... more) {
        return new ParameterDescriptor(name, type, mandatory, position, List.of(more), valueFromPipeline, help);
    }

    /** This parameter, bound from pipeline input. */
    public ParameterDescriptor fromPipeline() {
        return new ParameterDescriptor(name, type, mandatory, position, aliases, true, help);
    }

    /** Whether {@code candidate} is this parameter's name or one of its aliases (case-insensitive). */
    public boolean isCalled(String candidate) {
        if (name.equalsIgnoreCase(candidate)) {
            return true;
        }
        for (String alias : aliases) {
            if (alias.equalsIgnoreCase(candidate)) {
                return true;
            }
        }
        return false;
    }
}
