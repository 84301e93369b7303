package io.github.exha.core.command;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bound arguments of one invocation: values keyed by canonical parameter name, plus the positional words a
 * native program received.
 *
 * @param values converted values by canonical parameter name (switches bound to {@link Boolean})
 * @param positionals for native commands, the words that were not switches, in order; empty for cmdlets
 * @param words for native commands, every word in order, switches as written ({@code /G}, {@code /GRANT:X,FULL}) and
 *     arguments resolved; for programs such as {@code cacls} whose meaning depends on where an argument stands
 *     relative to a switch. Empty for cmdlets
 */
public record Arguments(Map<String, Object> values, List<String> positionals, List<String> words) {
    public Arguments {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        positionals = List.copyOf(positionals);
        words = List.copyOf(words);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Objects.requireNonNull(e.getValue(), () -> "value of " + e.getKey());
        }
    }

    /** Values and positionals, the positionals doubling as the words (no switches were given). */
    public Arguments(Map<String, Object> values, List<String> positionals) {
        this(values, positionals, positionals);
    }

    /** No arguments. */
    public static Arguments none() {
        return new Arguments(Map.of(), List.of());
    }

    /** Whether the parameter was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of a parameter, if given. */
    public Optional<Object> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A text parameter. */
    public Optional<String> string(String name) {
        return get(name).map(String.class::cast);
    }

    /** An identity parameter. */
    public Optional<Identity> identity(String name) {
        return get(name).map(Identity.class::cast);
    }

    /** An int parameter. */
    public Optional<Integer> int32(String name) {
        return get(name).map(Integer.class::cast);
    }

    /** A TimeSpan parameter. */
    public Optional<Duration> timeSpan(String name) {
        return get(name).map(Duration.class::cast);
    }

    /** An enum parameter. */
    public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
        return get(name).map(type::cast);
    }

    /** A switch or bool parameter: false when absent. */
    public boolean flag(String name) {
        return get(name).map(Boolean.class::cast).orElse(false);
    }

    /** This with one more value (used to bind pipeline input). */
    public Arguments with(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Arguments(copy, positionals, words);
    }
}
