package io.github.exha.core.topology;

import io.github.exha.core.error.NearestNames;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.SourcePosition;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads topology files. The built-in keys ({@code name}, {@code seed}, {@code start}, {@code description}) are
 * read here; every other top-level key must belong to a {@link TopologySection} a module contributed, whose value
 * Jackson binds to the section's type straight from the YAML stream so that errors keep their real positions.
 *
 * <p>Every mistake in a file is an {@link ExhaException} with a topology error code, the key path and the
 * {@code file:line:column} of the key or value at fault; no other exception escapes for any input text. Hostile
 * input is bounded: at most {@value #MAX_CHARS} characters, {@value DocumentScreen#MAX_DEPTH} levels of nesting,
 * no YAML tags and no aliases (alias bombs are reported as too large).
 *
 * <p>Scalars are not coerced between types: {@code "12"} in quotes is text and is refused where a number belongs,
 * {@code 1.5} is refused where a whole number belongs. Text accepts any scalar as written, so {@code site: NO}
 * is the text {@code NO} (not YAML 1.1's false) and {@code version: 8.1} the text {@code 8.1}. Enum values
 * are matched ignoring case ({@code ccr} and {@code CCR}); numbers are refused for enums. A section whose value
 * is empty ({@code hosts:} with nothing under it) counts as absent. Instances are immutable and thread-safe.
 */
public final class TopologyLoader {
    /** Largest topology accepted, in characters of text (and in bytes of a file): 4 MiB. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;

    /** The keys every topology may use, whatever modules are installed. */
    private enum BuiltInKey {
        NAME("name"), SEED("seed"), START("start"), DESCRIPTION("description");

        private final String key;

        BuiltInKey(String key) {
            this.key = key;
        }

        static Optional<BuiltInKey> of(String key) {
            return Arrays.stream(values()).filter(builtIn -> builtIn.key.equals(key)).findFirst();
        }
    }

    private final Map<String, TopologySection<?>> sections;
    private final List<String> knownKeys;
    private final YAMLFactory factory;
    private final ObjectMapper mapper;

    /**
     * A loader that accepts the given sections besides the built-in keys.
     *
     * @throws IllegalArgumentException when two sections share a key, or a section uses a built-in key or a blank
     *     key: a programming error in the modules, not in any file
     */
    @Inject
    public TopologyLoader(Set<TopologySection<?>> sections) {
        Objects.requireNonNull(sections, "sections");
        Map<String, TopologySection<?>> byKey = new TreeMap<>();
        for (TopologySection<?> section : sections) {
            Objects.requireNonNull(section, "section");
            String key = Objects.requireNonNull(section.key(), () -> "key of section " + section);
            Objects.requireNonNull(section.type(), () -> "type of section " + key);
            if (key.isBlank()) {
                throw new IllegalArgumentException("A topology section has a blank key: " + section);
            }
            if (BuiltInKey.of(key).isPresent()) {
                throw new IllegalArgumentException("Topology section " + section + " uses the built-in key '" + key + "'");
            }
            TopologySection<?> previous = byKey.putIfAbsent(key, section);
            if (previous != null) {
                throw new IllegalArgumentException("Topology sections " + previous + " and " + section + " both use the key '" + key + "'");
            }
        }
        this.sections = Collections.unmodifiableMap(byKey);
        List<String> keys = new ArrayList<>(byKey.keySet());
        Arrays.stream(BuiltInKey.values()).forEach(builtIn -> keys.add(builtIn.key));
        Collections.sort(keys);
        this.knownKeys = List.copyOf(keys);
        this.factory = yamlFactory();
        this.mapper = objectMapper(factory);
    }

    private static YAMLFactory yamlFactory() {
        // SnakeYAML's own limits guard its composer, which Jackson bypasses; they are set anyway as a backstop,
        // and DocumentScreen enforces depth, aliases and tags on the event stream Jackson does use.
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(DocumentScreen.MAX_ALIASES);
        options.setNestingDepthLimit(DocumentScreen.MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_CHARS);
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(DocumentScreen.MAX_DEPTH + 1)
                        .maxNumberLength(DocumentScreen.MAX_NUMBER_LENGTH)
                        .maxStringLength(MAX_CHARS)
                        .maxNameLength(MAX_CHARS)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static ObjectMapper objectMapper(YAMLFactory factory) {
        ObjectMapper mapper = YAMLMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        // Quoted "" is text, not an absent value, for every target that is not text.
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** Every top-level key a topology may use: the built-in keys and the sections' keys, sorted. */
    public List<String> knownKeys() {
        return knownKeys;
    }

    /**
     * Reads and parses a topology file (UTF-8, an optional byte-order mark is skipped).
     *
     * @throws ExhaException {@code FILE_NOT_READABLE} when the file cannot be read, or a topology error
     */
    public Topology load(Path file) {
        Objects.requireNonNull(file, "file");
        String fileName = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_CHARS + 1);
        } catch (IOException | RuntimeException e) {
            throw new ExhaException(CoreErrorCode.FILE_NOT_READABLE,
                    "Cannot read topology file '" + fileName + "': " + reason(e), null, null, e);
        }
        if (bytes.length > MAX_CHARS) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TOO_LARGE, "The topology file is larger than "
                    + MAX_CHARS + " bytes", new SourcePosition(fileName, 1, 1));
        }
        return parse(fileName, decode(fileName, bytes));
    }

    /**
     * Parses topology text.
     *
     * @param fileName the name positions carry, as the user would recognise it
     * @throws ExhaException with a topology error code and a position for any mistake in the text
     */
    public Topology parse(String fileName, String yamlText) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(yamlText, "yamlText");
        SourceText source = new SourceText(fileName, yamlText);
        if (yamlText.length() > MAX_CHARS) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TOO_LARGE, "The topology is " + yamlText.length()
                    + " characters long; at most " + MAX_CHARS + " are allowed", source.start());
        }
        new DocumentScreen(factory, source).screen();
        JsonParser parser = null;
        try {
            parser = mapper.createParser(yamlText);
            return bind(parser, source);
        } catch (ExhaException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The screen read this same text without fault, so this is exha's defect, not the user's.
            SourcePosition where = parser == null ? source.start() : source.position(parser.currentTokenLocation());
            throw new ExhaException(CoreErrorCode.INTERNAL_ERROR, "Unexpected failure reading the topology: " + e, null, where, e);
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException e) {
                    // Reading a string cannot fail to close.
                }
            }
        }
    }

    private Topology bind(JsonParser parser, SourceText source) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_MISSING_KEY,
                    "Missing required key 'name': the topology is empty", source.start());
        }
        SourcePosition rootPosition = source.position(parser.currentTokenLocation());
        if (first != JsonToken.START_OBJECT) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "The topology must be a mapping of keys such as"
                    + " 'name: ...', found " + ValueWords.found(parser), rootPosition);
        }
        String name = null;
        long seed = 0;
        Instant start = Topology.DEFAULT_START;
        String description = null;
        Map<String, Object> values = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourcePosition keyPosition = source.position(parser.currentTokenLocation());
            parser.nextToken();
            Optional<BuiltInKey> builtIn = BuiltInKey.of(key);
            if (builtIn.isPresent()) {
                switch (builtIn.get()) {
                    case NAME -> name = readName(parser, source);
                    case SEED -> seed = readSeed(parser, source);
                    case START -> start = readStart(parser, source);
                    case DESCRIPTION -> description = readText(parser, source, "description", true);
                }
            } else {
                TopologySection<?> section = sections.get(key);
                if (section == null) {
                    String suggestion = NearestNames.nearest(key, knownKeys, 1).stream().findFirst().map(known -> " (did you mean '" + known + "'?)").orElse("");
                    throw new ExhaException(CoreErrorCode.TOPOLOGY_UNKNOWN_KEY, "Unknown key '" + key + "'" + suggestion
                            + ". Known keys: " + String.join(", ", knownKeys), keyPosition);
                }
                Object value = readSection(parser, source, section, keyPosition);
                if (value != null) {
                    values.put(key, value);
                }
            }
        }
        if (name == null) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_MISSING_KEY,
                    "Missing required key 'name': every topology names its simulated world", rootPosition);
        }
        return new Topology(source.file(), name, seed, start, description, values);
    }

    private Object readSection(JsonParser parser, SourceText source, TopologySection<?> section, SourcePosition keyPosition)
            throws IOException {
        if (isEmpty(parser)) {
            return null;
        }
        KeyPath path = KeyPath.root().key(section.key());
        try {
            return mapper.readValue(parser, section.type());
        } catch (JsonMappingException e) {
            throw new BindingErrorTranslator(new NodeLocator(factory, source)).translate(e, path, keyPosition);
        } catch (IllegalArgumentException e) {
            // A deserializer that throws rather than reporting through Jackson; still the value's fault.
            throw new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE, "Invalid value at '" + path + "': " + e.getMessage(),
                    null, keyPosition, e);
        }
    }

    private static String readName(JsonParser parser, SourceText source) throws IOException {
        String name = readText(parser, source, "name", false);
        if (name.isBlank()) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE, "The topology's 'name' must not be blank",
                    source.position(parser.currentTokenLocation()));
        }
        return name;
    }

    private static String readText(JsonParser parser, SourceText source, String key, boolean mayBeEmpty) throws IOException {
        JsonToken token = parser.currentToken();
        SourcePosition position = source.position(parser.currentTokenLocation());
        if (isEmpty(parser)) {
            if (mayBeEmpty) {
                return null;
            }
            throw new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE, "The topology's '" + key + "' must not be empty", position);
        }
        if (!token.isScalarValue()) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TYPE_MISMATCH,
                    "Wrong type at '" + key + "': expected text, found " + ValueWords.found(parser), position);
        }
        return parser.getText();
    }

    /** Whether the value is absent: {@code ~}, {@code null}, or nothing at all (which Jackson reads as empty text). */
    private static boolean isEmpty(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return token == JsonToken.VALUE_NULL || (token == JsonToken.VALUE_STRING && parser.getTextLength() == 0);
    }

    private static long readSeed(JsonParser parser, SourceText source) throws IOException {
        SourcePosition position = source.position(parser.currentTokenLocation());
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_TYPE_MISMATCH,
                    "Wrong type at 'seed': expected a whole number, found " + ValueWords.found(parser), position);
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new ExhaException(CoreErrorCode.TOPOLOGY_INVALID_VALUE, "The 'seed' " + ValueWords.quote(parser.getText())
                    + " is outside the range of a 64-bit integer (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")", position);
        }
        return parser.getLongValue();
    }

    private static Instant readStart(JsonParser parser, SourceText source) throws IOException {
        SourcePosition position = source.position(parser.currentTokenLocation());
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(parser.getText());
            } catch (DateTimeParseException e) {
                // Falls through: text that is not an instant is the same mistake as a number there.
            }
        }
        throw new ExhaException(CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "Wrong type at 'start': expected "
                + ValueWords.expected(Instant.class) + ", found " + ValueWords.found(parser), position);
    }

    private static String decode(String fileName, byte[] bytes) {
        int skip = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        if (result.isError()) {
            SourceText decoded = new SourceText(fileName, out.toString());
            throw new ExhaException(CoreErrorCode.TOPOLOGY_SYNTAX, "The topology file is not valid UTF-8 text (byte "
                    + in.position() + ")", decoded.positionOfOffset(out.length()));
        }
        return out.toString();
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "access denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
