package io.github.exha.core.topology;

import io.github.exha.core.error.NearestNames;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.SourcePosition;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the exception Jackson raised while binding a section into the {@link ExhaException} a user reads: the
 * right topology error code, the key path, what was expected and found in plain words, and the position of
 * the key or value at fault (found again through the {@link NodeLocator} from Jackson's exact path).
 */
final class BindingErrorTranslator {
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']*)'");

    private final NodeLocator locator;

    BindingErrorTranslator(NodeLocator locator) {
        this.locator = locator;
    }

    /**
     * The user's error for a binding failure of the value at {@code valuePath} (a section's value).
     *
     * @param sectionKeyPosition where the section's key is, for errors in the section's Java type itself
     */
    ExhaException translate(JsonMappingException e, KeyPath valuePath, SourcePosition sectionKeyPosition) {
        KeyPath path = valuePath.resolve(e.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownKey(unknown, path);
        }
        if (e instanceof ValueInstantiationException invalid) {
            LocatedNode node = locator.locate(path);
            return new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE,
                    "Invalid value at '" + path + "': " + reason(invalid), null, node.value(), e);
        }
        if (e instanceof InvalidDefinitionException broken) {
            // The section's Java type cannot be bound at all: a defect in the module, whatever the file says.
            return new ExhaException(CoreErrorCode.INTERNAL_ERROR, "The topology section '" + valuePath + "' cannot be read into "
                    + typeName(broken) + ": " + broken.getOriginalMessage(), null, sectionKeyPosition, e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(mismatch.getOriginalMessage()));
            if (missing.find()) {
                KeyPath keyPath = endsWith(path, missing.group(1)) ? path : path.key(missing.group(1));
                // The key is absent, so the locator stops at the deepest node present: the mapping that lacks it.
                LocatedNode mapping = locator.locate(keyPath);
                return new ExhaException(CoreErrorCode.TOPOLOGY_MISSING_KEY,
                        "Missing required key '" + keyPath + "'", null, mapping.value(), e);
            }
            LocatedNode node = locator.locate(path);
            return new ExhaException(CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "Wrong type at '" + path + "': expected "
                    + ValueWords.expected(mismatch.getTargetType()) + ", found " + node.found(), null, node.value(), e);
        }
        LocatedNode node = locator.locate(path);
        return new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE,
                "Invalid value at '" + path + "': " + e.getOriginalMessage(), null, node.value(), e);
    }

    private ExhaException unknownKey(UnrecognizedPropertyException e, KeyPath path) {
        KeyPath keyPath = endsWith(path, e.getPropertyName()) ? path : path.key(e.getPropertyName());
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        String suggestion = NearestNames.nearest(e.getPropertyName(), known, 1).stream().findFirst().map(key -> " (did you mean '" + key + "'?)").orElse("");
        LocatedNode node = locator.locate(keyPath);
        return new ExhaException(CoreErrorCode.TOPOLOGY_UNKNOWN_KEY, "Unknown key '" + keyPath + "'" + suggestion
                + ". Known keys here: " + String.join(", ", known), null, node.key(), e);
    }

    /** Whether Jackson's path already ends with the key an exception names (it does for most, not all, exceptions). */
    private static boolean endsWith(KeyPath path, String key) {
        List<Object> segments = path.segments();
        return !segments.isEmpty() && Objects.equals(segments.get(segments.size() - 1), key);
    }

    /** The message of the exception a record's compact constructor threw, which is written for users. */
    private static String reason(ValueInstantiationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        while (cause instanceof InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static String typeName(InvalidDefinitionException e) {
        return e.getType() == null ? "its type" : e.getType().getRawClass().getName();
    }
}
