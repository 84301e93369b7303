package io.github.exha.core.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The type of a command parameter and how text from a runbook converts to it, with PowerShell's conversion rules
 * and messages. Converted values are {@link String}, {@link Integer}, {@link Long}, {@link Boolean}, an enum constant,
 * {@link Duration}, {@link Identity}, or a {@link List} of those.
 *
 * @param kind what sort of value
 * @param typeName the .NET type name PowerShell shows in messages ({@code System.Int32})
 * @param enumType the enum class for {@link Kind#ENUM}, else null
 * @param element the element type for {@link Kind#ARRAY}, else null
 */
public record ParameterType(Kind kind, String typeName, Class<? extends Enum<?>> enumType, ParameterType element) {

    /** The sorts of parameter value. */
    public enum Kind {
        /** Text. */
        STRING,
        /** 32-bit integer. */
        INT,
        /** 64-bit integer. */
        LONG,
        /** {@code $true} / {@code $false} / 1 / 0. */
        BOOL,
        /** Present or absent; {@code -Name:$false} turns it off. */
        SWITCH,
        /** One of an enum's names, case-insensitive. */
        ENUM,
        /** .NET TimeSpan text. */
        TIMESPAN,
        /** An Exchange or Windows identity ({@code Server\Storage Group}). */
        IDENTITY,
        /** Comma-separated values of one element type. */
        ARRAY
    }

    public ParameterType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(typeName, "typeName");
        if ((kind == Kind.ENUM) != (enumType != null)) {
            throw new IllegalArgumentException("enumType is required exactly for ENUM");
        }
        if ((kind == Kind.ARRAY) != (element != null)) {
            throw new IllegalArgumentException("element is required exactly for ARRAY");
        }
        if (element != null && element.kind == Kind.ARRAY) {
            throw new IllegalArgumentException("arrays of arrays are not supported");
        }
    }

    /** {@code System.String}. */
    public static ParameterType string() {
        return new ParameterType(Kind.STRING, "System.String", null, null);
    }

    /** {@code System.Int32}. */
    public static ParameterType int32() {
        return new ParameterType(Kind.INT, "System.Int32", null, null);
    }

    /** {@code System.Int64}. */
    public static ParameterType int64() {
        return new ParameterType(Kind.LONG, "System.Int64", null, null);
    }

    /** {@code System.Boolean}. */
    public static ParameterType bool() {
        return new ParameterType(Kind.BOOL, "System.Boolean", null, null);
    }

    /** {@code System.Management.Automation.SwitchParameter}. */
    public static ParameterType switchParameter() {
        return new ParameterType(Kind.SWITCH, "System.Management.Automation.SwitchParameter", null, null);
    }

    /** {@code System.TimeSpan}. */
    public static ParameterType timeSpan() {
        return new ParameterType(Kind.TIMESPAN, "System.TimeSpan", null, null);
    }

    /** An identity parameter, named as Exchange names it ({@code StorageGroupIdParameter}). */
    public static ParameterType identity(String typeName) {
        return new ParameterType(Kind.IDENTITY, typeName, null, null);
    }

    /** An enum, shown under the given .NET type name. */
    public static ParameterType enumOf(Class<? extends Enum<?>> type, String typeName) {
        return new ParameterType(Kind.ENUM, typeName, type, null);
    }

    /** An array of {@code element}. */
    public static ParameterType arrayOf(ParameterType element) {
        return new ParameterType(Kind.ARRAY, element.typeName + "[]", null, element);
    }

    /** Whether it holds a list of values (a native program's switch of this type may be repeated). */
    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** Whether a bare {@code -Name} sets it without a following value. */
    public boolean isSwitch() {
        return kind == Kind.SWITCH;
    }

    /**
     * Converts a raw value: a {@link String}, a {@link Boolean} (from {@code $true}/{@code $false}), a {@link List} of
     * those (from {@code a,b}), or an output object arriving through the pipeline.
     *
     * @throws IllegalArgumentException with PowerShell's conversion message
     */
    public Object convert(Object raw) {
        Objects.requireNonNull(raw, "raw");
        if (kind == Kind.ARRAY) {
            List<Object> out = new ArrayList<>();
            if (raw instanceof List<?> list) {
                for (Object item : list) {
                    out.add(element.convert(item));
                }
            } else {
                out.add(element.convert(raw));
            }
            return List.copyOf(out);
        }
        if (raw instanceof List<?> list) {
            if (list.size() == 1) {
                return convert(list.get(0));
            }
            throw new IllegalArgumentException("Cannot convert \"System.Object[]\" to \"" + typeName + "\": this parameter takes a"
                    + " single value, not a list.");
        }
        return switch (kind) {
            case STRING -> text(raw);
            case INT -> integer(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, "Int32").intValue();
            case LONG -> integer(raw, Long.MIN_VALUE, Long.MAX_VALUE, "Int64");
            case BOOL, SWITCH -> bool(raw);
            case ENUM -> enumConstant(raw);
            case TIMESPAN -> timeSpanValue(raw);
            case IDENTITY -> identityValue(raw);
            case ARRAY -> throw new IllegalStateException("handled above");
        };
    }

    /** Every name an {@link Kind#ENUM} parameter accepts, in declaration order. */
    public List<String> enumNames() {
        if (enumType == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Enum<?> constant : enumType.getEnumConstants()) {
            names.add(powerShellName(constant));
        }
        return names;
    }

    /** The name PowerShell shows for an enum constant ({@code GOOD_AVAILABILITY} → {@code GoodAvailability}). */
    public static String powerShellName(Enum<?> constant) {
        if (constant instanceof PowerShellName named) {
            return named.powerShellName();
        }
        StringBuilder out = new StringBuilder();
        for (String part : constant.name().split("_")) {
            if (!part.isEmpty()) {
                out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    private String text(Object raw) {
        if (raw instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (raw instanceof PsObject object) {
            return object.identityText().orElse(object.typeName());
        }
        return raw.toString();
    }

    private Long integer(Object raw, long min, long max, String netName) {
        if (raw instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        String s = text(raw).strip();
        long value;
        try {
            value = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            if (s.matches("[+-]?\\d+")) {
                throw conversion(raw, "Value was either too large or too small for an " + netName + ".");
            }
            throw conversion(raw, "Input string was not in a correct format.");
        }
        if (value < min || value > max) {
            throw conversion(raw, "Value was either too large or too small for an " + netName + ".");
        }
        return value;
    }

    private Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = text(raw).strip();
        if (s.matches("[+-]?\\d+")) {
            return !s.matches("[+-]?0+");
        }
        // PowerShell refuses strings for [bool] parameters, even "true": only booleans and numbers convert.
        throw new IllegalArgumentException("Cannot convert value \"System.String\" to type \"" + typeName
                + "\", parameters of this type only accept booleans or numbers, use $true, $false, 1 or 0 instead.");
    }

    private Enum<?> enumConstant(Object raw) {
        String s = text(raw).strip();
        for (Enum<?> constant : enumType.getEnumConstants()) {
            if (powerShellName(constant).equalsIgnoreCase(s)) {
                return constant;
            }
        }
        throw conversion(raw, "Unable to match the identifier name " + s
                + " to a valid enumerator name.  Specify one of the following enumerator names and try again: "
                + String.join(", ", enumNames()));
    }

    private Duration timeSpanValue(Object raw) {
        try {
            return TimeSpanFormat.parse(text(raw));
        } catch (IllegalArgumentException e) {
            throw conversion(raw, e.getMessage());
        }
    }

    private Identity identityValue(Object raw) {
        String s = text(raw);
        if (s.isBlank()) {
            throw conversion(raw, "The identity must not be empty.");
        }
        return new Identity(s);
    }

    private IllegalArgumentException conversion(Object raw, String error) {
        return new IllegalArgumentException("Cannot convert value \"" + text(raw) + "\" to type \"" + typeName
                + "\". Error: \"" + error + "\"");
    }
}
