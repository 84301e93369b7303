package io.github.exha.core.topology;

import com.fasterxml.jackson.core.JsonToken;
import io.github.exha.core.error.SourcePosition;

/**
 * A node found in a topology document by its {@link KeyPath}: where its key and its value are, and what the
 * value is, so that an error found while binding can point at the text a human would look at.
 *
 * @param path the path actually found (the requested path, or its deepest ancestor present in the document)
 * @param key the position of the node's key, or of its value when the node is a list element or the root
 * @param value the position of the node's value
 * @param token the first token of the value
 * @param text the source text of a scalar value, or {@code null}
 */
record LocatedNode(KeyPath path, SourcePosition key, SourcePosition value, JsonToken token, String text) {
    /** The value in plain words: "text 'abc'", "a list". */
    String found() {
        return ValueWords.found(token, text);
    }
}
