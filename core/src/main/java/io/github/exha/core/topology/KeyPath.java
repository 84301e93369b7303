package io.github.exha.core.topology;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Where a node sits in a topology document, as a list of mapping keys ({@link String}) and list indexes
 * ({@link Integer}); printed the way users read it, {@code hosts[1].nics[0].subnet}.
 *
 * @param segments keys and indexes from the document's root mapping down to the node
 */
record KeyPath(List<Object> segments) {
    KeyPath {
        segments = List.copyOf(segments);
        for (Object segment : segments) {
            if (!(segment instanceof String) && !(segment instanceof Integer)) {
                throw new IllegalArgumentException("a key path holds keys and indexes, not " + segment);
            }
        }
    }

    /** The root mapping itself. */
    static KeyPath root() {
        return new KeyPath(List.of());
    }

    /** The path of the node a streaming parser's context points at (its current key or list index). */
    static KeyPath of(JsonStreamContext context) {
        List<Object> reversed = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                reversed.add(Math.max(0, c.getCurrentIndex()));
            } else if (c.getCurrentName() != null) {
                reversed.add(c.getCurrentName());
            }
        }
        Collections.reverse(reversed);
        return new KeyPath(reversed);
    }

    /** This path extended by the path Jackson recorded while binding a value found at this path. */
    KeyPath resolve(List<JsonMappingException.Reference> references) {
        List<Object> extended = new ArrayList<>(segments);
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                extended.add(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                extended.add(reference.getIndex());
            }
        }
        return new KeyPath(extended);
    }

    /** The path of a key inside the mapping at this path. */
    KeyPath key(String key) {
        List<Object> extended = new ArrayList<>(segments);
        extended.add(Objects.requireNonNull(key, "key"));
        return new KeyPath(extended);
    }

    /** Whether this path equals {@code other} or leads to one of its ancestors. */
    boolean isPrefixOf(KeyPath other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** Whether this is the root mapping. */
    boolean isRoot() {
        return segments.isEmpty();
    }

    @Override
    public String toString() {
        if (segments.isEmpty()) {
            return "<root>";
        }
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(segment);
            }
        }
        return out.toString();
    }
}
