package io.github.exha.core.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.SourcePosition;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a whole topology document once, before anything is bound, and refuses what must never reach Jackson
 * binding: malformed YAML, duplicate keys, tags ({@code !!java.lang.Runtime}, {@code !foo}, {@code !!binary}),
 * aliases, documents nested too deep, numbers too long, more than one document. Binding then only meets
 * well-formed, plain data, and every error here is reported in document order with its position.
 *
 * <p>Jackson's YAML parser hands an alias to binding as the anchor's <em>name</em> in place of its value, which
 * would silently load a wrong topology, so aliases are refused; an alias bomb is recognised first (too many
 * aliases, or aliases that would multiply the document) and reported as too large. One screen reads one text.
 */
final class DocumentScreen {
    /** Deepest nesting of lists and mappings a topology may use. */
    static final int MAX_DEPTH = 64;
    /** Most aliases a document may contain before it is treated as an alias bomb. */
    static final int MAX_ALIASES = 50;
    /** Most values that aliases may add to a document by expansion before it is treated as an alias bomb. */
    static final long MAX_ALIAS_EXPANSION = 100_000;
    /** Longest number, in characters; longer ones cost quadratic time to convert and are never meaningful. */
    static final int MAX_NUMBER_LENGTH = 1_000;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

    private final YAMLFactory factory;
    private final SourceText source;
    private final Deque<OpenNode> open = new ArrayDeque<>();
    private final Map<String, Long> anchorSizes = new HashMap<>();
    private long literalValues;
    private long expandedValues;
    private int aliases;
    private JsonLocation firstAlias;
    private String firstAliasName;
    private boolean documentDone;

    /** A list or mapping being read: where it is, what its keys are, how many values it expands to. */
    private static final class OpenNode {
        final KeyPath path;
        final String anchor;
        final Map<String, JsonLocation> keys;
        long expanded = 1;

        OpenNode(KeyPath path, String anchor, boolean mapping) {
            this.path = path;
            this.anchor = anchor;
            this.keys = mapping ? new HashMap<>() : null;
        }
    }

    DocumentScreen(YAMLFactory factory, SourceText source) {
        this.factory = factory;
        this.source = source;
    }

    /** Reads the whole document; returns normally only when it is safe to bind. */
    void screen() {
        YAMLParser parser = null;
        try {
            parser = (YAMLParser) factory.createParser(source.text());
            scan(parser);
        } catch (ExhaException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TOO_LARGE,
                    "The topology exceeds a reading limit: " + e.getOriginalMessage(), position(parser, e.getLocation()));
        } catch (IOException | RuntimeException e) {
            throw refuse(e, parser);
        } finally {
            closeQuietly(parser);
        }
    }

    private void scan(YAMLParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            // Positions are converted only when needed: converting walks the line, and lines may be long.
            JsonLocation location = parser.currentTokenLocation();
            if (documentDone) {
                throw new ExhaException(CoreErrorCode.TOPOLOGY_SYNTAX,
                        "A topology file holds one YAML document, but a second document starts here", source.position(location));
            }
            String tag = parser.getTypeId();
            if (tag != null) {
                throw new ExhaException(CoreErrorCode.TOPOLOGY_SYNTAX, "YAML tags are not allowed in a topology: found '"
                        + displayTag(tag) + "' at " + describe(KeyPath.of(parser.getParsingContext())), source.position(location));
            }
            switch (token) {
                case FIELD_NAME -> {
                    if (parser.isCurrentAlias()) {
                        alias(parser.getText(), location);
                    }
                    OpenNode mapping = open.peek();
                    if (mapping != null && mapping.keys != null) {
                        mapping.keys.putIfAbsent(parser.currentName(), location);
                    }
                }
                case START_OBJECT, START_ARRAY -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new ExhaException(CoreErrorCode.TOPOLOGY_TOO_LARGE, "The topology nests lists and mappings more than "
                                + MAX_DEPTH + " levels deep, at " + describe(KeyPath.of(parser.getParsingContext().getParent())),
                                source.position(location));
                    }
                    count(1);
                    open.push(new OpenNode(KeyPath.of(parser.getParsingContext().getParent()), parser.getCurrentAnchor(),
                            token == JsonToken.START_OBJECT));
                }
                case END_OBJECT, END_ARRAY -> {
                    OpenNode closed = open.pop();
                    if (closed.anchor != null) {
                        anchorSizes.put(closed.anchor, closed.expanded);
                    }
                    if (open.isEmpty()) {
                        documentDone = true;
                    } else {
                        open.peek().expanded += closed.expanded;
                    }
                }
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL,
                        VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> scalar(parser, token, location);
            }
        }
        if (firstAlias != null) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_SYNTAX, "YAML aliases are not supported in a topology: found '*"
                    + firstAliasName + "'; write the value out in full", source.position(firstAlias));
        }
    }

    private void scalar(YAMLParser parser, JsonToken token, JsonLocation location) throws IOException {
        long size = 1;
        if (parser.isCurrentAlias()) {
            size = alias(parser.getText(), location);
        } else {
            count(1);
            if (parser.getCurrentAnchor() != null) {
                anchorSizes.put(parser.getCurrentAnchor(), 1L);
            }
        }
        if (token.isNumeric() && parser.getTextLength() > MAX_NUMBER_LENGTH) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TOO_LARGE, "The number at "
                    + describe(KeyPath.of(parser.getParsingContext())) + " is " + parser.getTextLength()
                    + " characters long; at most " + MAX_NUMBER_LENGTH + " are allowed", source.position(location));
        }
        if (open.isEmpty()) {
            documentDone = true;
        } else {
            open.peek().expanded += size;
        }
    }

    /** Counts an alias and the values it would expand to; returns that size. */
    private long alias(String name, JsonLocation location) {
        aliases++;
        if (firstAlias == null) {
            firstAlias = location;
            firstAliasName = name;
        }
        if (aliases > MAX_ALIASES) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TOO_LARGE, "The topology uses more than " + MAX_ALIASES
                    + " YAML aliases (an alias bomb?); aliases are not supported in a topology", source.position(location));
        }
        long size = anchorSizes.getOrDefault(name, 1L);
        literalValues++;
        expandedValues += size;
        if (expandedValues - literalValues > MAX_ALIAS_EXPANSION) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TOO_LARGE, "The topology's YAML aliases would expand it by more than "
                    + MAX_ALIAS_EXPANSION + " values (an alias bomb?); aliases are not supported in a topology", source.position(location));
        }
        return size;
    }

    private void count(long values) {
        literalValues += values;
        expandedValues += values;
    }

    private ExhaException refuse(Exception e, YAMLParser parser) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                SourcePosition position = mark != null
                        ? source.position(mark.getLine() + 1, mark.getColumn() + 1) : position(parser, null);
                String problem = marked.getProblem() != null ? marked.getProblem() : String.valueOf(marked.getContext());
                String context = marked.getProblem() != null && marked.getContext() != null ? " (" + marked.getContext() + ")" : "";
                return new ExhaException(CoreErrorCode.TOPOLOGY_SYNTAX, "YAML syntax error: " + problem + context + near(parser),
                        null, position, e);
            }
            if (cause instanceof ReaderException reader) {
                return new ExhaException(CoreErrorCode.TOPOLOGY_SYNTAX, String.format(
                        "YAML syntax error: the character U+%04X is not allowed in YAML", reader.getCodePoint()),
                        null, source.positionOfCodePoint(reader.getPosition()), e);
            }
            if (cause instanceof YAMLException plain && String.valueOf(plain.getMessage()).contains("exceeds the limit")) {
                return new ExhaException(CoreErrorCode.TOPOLOGY_TOO_LARGE, "The topology is too large: " + plain.getMessage(),
                        null, position(parser, null), e);
            }
        }
        String message = e instanceof JsonParseException parse ? parse.getOriginalMessage() : e.getMessage();
        JsonLocation location = e instanceof JsonParseException parse ? parse.getLocation() : null;
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(message));
        if (duplicate.matches()) {
            return duplicateKey(duplicate.group(1), parser, e);
        }
        if (String.valueOf(message).startsWith("Expected a field name")) {
            return new ExhaException(CoreErrorCode.TOPOLOGY_SYNTAX,
                    "A key must be plain text, not a list or a mapping" + near(parser), null, position(parser, location), e);
        }
        return new ExhaException(CoreErrorCode.TOPOLOGY_SYNTAX, "YAML syntax error: " + message + near(parser),
                null, position(parser, location), e);
    }

    private ExhaException duplicateKey(String key, YAMLParser parser, Exception cause) {
        OpenNode mapping = open.peek();
        JsonLocation firstLocation = mapping == null || mapping.keys == null ? null : mapping.keys.get(key);
        SourcePosition first = firstLocation == null ? null : source.position(firstLocation);
        KeyPath path = mapping == null ? KeyPath.root().key(key) : mapping.path.key(key);
        String firstAt = first == null ? "" : " (first given at line " + first.line() + ", column " + first.column() + ")";
        return new ExhaException(CoreErrorCode.TOPOLOGY_DUPLICATE_KEY,
                "Duplicate key '" + path + "': a key may appear only once in a mapping" + firstAt, null, position(parser, null), cause);
    }

    private SourcePosition position(YAMLParser parser, JsonLocation fallback) {
        if (parser != null && parser.currentTokenLocation() != null && parser.currentTokenLocation().getLineNr() > 0) {
            return source.position(parser.currentTokenLocation());
        }
        return source.position(fallback);
    }

    private static String near(YAMLParser parser) {
        if (parser == null) {
            return "";
        }
        KeyPath path = KeyPath.of(parser.getParsingContext());
        return path.isRoot() ? "" : " (near '" + path + "')";
    }

    private static String describe(KeyPath path) {
        return path.isRoot() ? "the top level" : "'" + path + "'";
    }

    /** Jackson strips a tag's leading '!'s; give it back the way the user wrote it. */
    private static String displayTag(String tag) {
        return tag.startsWith(YAML_TAG_PREFIX) ? "!!" + tag.substring(YAML_TAG_PREFIX.length()) : "!" + tag;
    }

    private static void closeQuietly(YAMLParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException | RuntimeException e) {
                // Reading a string cannot fail to close; nothing to report.
            }
        }
    }
}
