package io.github.exha.core.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exha.core.error.SourcePosition;
import java.io.IOException;

/**
 * Finds a node's position by re-reading the document when binding fails. Jackson reports where its parser
 * stood when it gave up (often past the culprit, at the end of a mapping); the key path it records is exact, so
 * the path is turned back into the position of the key or value it names. Runs only on errors.
 */
final class NodeLocator {
    private final JsonFactory factory;
    private final SourceText source;

    NodeLocator(JsonFactory factory, SourceText source) {
        this.factory = factory;
        this.source = source;
    }

    /** The node at {@code target}, or its deepest ancestor present in the document. */
    LocatedNode locate(KeyPath target) {
        LocatedNode best = new LocatedNode(KeyPath.root(), source.start(), source.start(), null, null);
        KeyPath lastKeyPath = null;
        SourcePosition lastKeyPosition = null;
        try (JsonParser parser = factory.createParser(source.text())) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                // Positions are converted only for candidate nodes: converting walks the line, and lines may be long.
                if (token == JsonToken.FIELD_NAME) {
                    lastKeyPath = KeyPath.of(parser.getParsingContext());
                    lastKeyPosition = lastKeyPath.isPrefixOf(target) ? source.position(parser.currentTokenLocation()) : null;
                    continue;
                }
                boolean structure = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
                KeyPath path = KeyPath.of(structure ? parser.getParsingContext().getParent() : parser.getParsingContext());
                if (!path.isPrefixOf(target) || (path.segments().size() <= best.path().segments().size() && best.token() != null)) {
                    continue;
                }
                SourcePosition position = source.position(parser.currentTokenLocation());
                SourcePosition key = path.equals(lastKeyPath) && lastKeyPosition != null ? lastKeyPosition : position;
                best = new LocatedNode(path, key, position, token, token.isScalarValue() ? parser.getText() : null);
                if (path.equals(target)) {
                    return best;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The document was screened before binding, so this cannot happen; the best match so far still helps.
            return best;
        }
        return best;
    }
}
