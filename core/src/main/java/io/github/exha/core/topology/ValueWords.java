package io.github.exha.core.topology;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plain words for what a topology expected and what it found ("expected a whole number, found text 'abc'"),
 * because administrators reading an error do not think in Java types or Jackson tokens.
 */
final class ValueWords {
    private static final int MAX_QUOTED = 40;

    private ValueWords() {
    }

    /** What a value of {@code type} looks like in YAML, with an article: "a whole number", "a list". */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == String.class || type == CharSequence.class || type == char.class || type == Character.class) {
            return "text";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class || type == Number.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true/false";
        }
        if (type == Instant.class) {
            return "an instant such as 2008-03-01T00:00:00Z";
        }
        if (type == Duration.class) {
            return "a duration such as PT15M";
        }
        if (TemporalAccessor.class.isAssignableFrom(type)) {
            return "a date/time such as 2008-03-01T00:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return "a mapping";
    }

    /** What the parser's current token is, in words: "text 'abc'", "a list", "nothing". */
    static String found(JsonParser parser) {
        JsonToken token = parser.currentToken();
        String text;
        try {
            text = token != null && token.isScalarValue() ? parser.getText() : null;
        } catch (IOException e) {
            text = null;
        }
        return found(token, text);
    }

    /** What a token with the given source text is, in words. */
    static String found(JsonToken token, String text) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT, END_OBJECT -> "a mapping";
            case START_ARRAY, END_ARRAY -> "a list";
            case FIELD_NAME -> "the key " + quote(text);
            case VALUE_STRING -> text == null || text.isEmpty() ? "nothing (an empty value)" : "text " + quote(text);
            case VALUE_NUMBER_INT -> "the whole number " + clip(text);
            case VALUE_NUMBER_FLOAT -> "the number " + clip(text);
            case VALUE_TRUE, VALUE_FALSE -> "the true/false value " + quote(text);
            case VALUE_NULL -> "nothing";
            case VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> "an unsupported value";
        };
    }

    /** {@code text} in single quotes, shortened when long so that one message stays one readable line. */
    static String quote(String text) {
        return "'" + clip(text) + "'";
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return oneLine.length() <= MAX_QUOTED ? oneLine : oneLine.substring(0, MAX_QUOTED) + "...";
    }
}
