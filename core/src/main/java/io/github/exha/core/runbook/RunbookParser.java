package io.github.exha.core.runbook;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.SourcePosition;
import io.github.exha.core.runbook.RunbookLexer.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses runbook text, a PowerShell subset, into a {@link Runbook}.
 *
 * <p>Grammar (recursive descent over {@link RunbookLexer} tokens):
 *
 * <pre>
 * runbook    = { NEWLINE | ";" | statement }
 * statement  = command { "|" { NEWLINE } command }          ends at NEWLINE, ";" or the end
 * command    = NAME { PARAMETER [ value ] | "--" | SLASHWORD | value }
 * value      = WORD | VARIABLE { "," WORD | VARIABLE }      an array when it has a comma
 * </pre>
 *
 * <p>Every error is an {@link ExhaException} with a {@link SourcePosition} at the offending token and a message
 * quoting it; no other exception escapes for any input text.
 */
public final class RunbookParser {
    /** The largest runbook accepted, in UTF-16 characters (1 MiB). */
    public static final int MAX_CHARACTERS = 1 << 20;

    private final String file;
    private final String text;
    private final SourceLines lines;
    private final RunbookLexer lexer;
    /** Where the next token is read. */
    private int offset;
    /** The end of the last token of the statement being parsed, so that its text excludes trailing comments. */
    private int lastEnd;

    private RunbookParser(String file, String text) {
        this.file = file;
        this.text = text;
        this.lines = new SourceLines(file, text);
        this.lexer = new RunbookLexer(text, lines);
        this.offset = lines.start();
    }

    /**
     * Parses a runbook.
     *
     * @param file the file name to put in every position (as the user gave it)
     * @param text the runbook's text; a leading byte order mark is skipped
     * @return the statements, in source order
     * @throws ExhaException with a runbook syntax code ({@code UNTERMINATED_STRING}, {@code UNEXPECTED_TOKEN},
     *     {@code UNSUPPORTED_SYNTAX}, {@code EMPTY_PIPE_ELEMENT}, {@code MISSING_ARGUMENT}, {@code INVALID_CHARACTER},
     *     {@code RUNBOOK_TOO_LARGE}) and the position of the offending token
     * @throws NullPointerException if {@code file} or {@code text} is null
     */
    public static Runbook parse(String file, String text) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_CHARACTERS) {
            throw new ExhaException(CoreErrorCode.RUNBOOK_TOO_LARGE,
                    "The runbook has " + text.length() + " characters; exha accepts at most " + MAX_CHARACTERS + ".",
                    new SourcePosition(file, 1, 1));
        }
        return new RunbookParser(file, text).runbook();
    }

    private Runbook runbook() {
        lexer.rejectControlCharacters();
        List<Statement> statements = new ArrayList<>();
        while (true) {
            Token token = lexer.next(offset, Mode.COMMAND);
            switch (token.kind()) {
                case END -> {
                    return new Runbook(file, statements);
                }
                case NEWLINE, SEMICOLON -> offset = token.end();
                case PIPE -> throw emptyPipe(token, "before");
                case WORD, VARIABLE, PARAMETER, END_OF_PARAMETERS, COMMA -> statements.add(statement(token));
            }
        }
    }

    private Statement statement(Token first) {
        List<CommandCall> pipeline = new ArrayList<>();
        pipeline.add(command(first));
        while (true) {
            Token separator = lexer.next(offset, Mode.ARGUMENT);
            if (separator.kind() != TokenKind.PIPE) {
                // command() stops only at a separator; leave it for runbook() to consume.
                break;
            }
            offset = separator.end();
            Token next = lexer.next(offset, Mode.COMMAND);
            while (next.kind() == TokenKind.NEWLINE) {
                // A line ending in | continues on the next line.
                offset = next.end();
                next = lexer.next(offset, Mode.COMMAND);
            }
            switch (next.kind()) {
                case PIPE -> throw emptyPipe(next, "before");
                case END, SEMICOLON, NEWLINE -> throw emptyPipe(separator, "after");
                case WORD, VARIABLE, PARAMETER, END_OF_PARAMETERS, COMMA -> pipeline.add(command(next));
            }
        }
        int start = first.start();
        return new Statement(lines.at(start), text.substring(start, lastEnd), pipeline);
    }

    private CommandCall command(Token first) {
        String name = commandName(first);
        offset = first.end();
        lastEnd = first.end();
        List<CommandElement> elements = new ArrayList<>();
        boolean parametersEnded = false;
        while (true) {
            Token token = lexer.next(offset, parametersEnded ? Mode.VALUE : Mode.ARGUMENT);
            switch (token.kind()) {
                case PIPE, SEMICOLON, NEWLINE, END -> {
                    return new CommandCall(name, lines.at(first.start()), elements);
                }
                case END_OF_PARAMETERS -> {
                    parametersEnded = true;
                    offset = token.end();
                    lastEnd = token.end();
                }
                case PARAMETER -> elements.add(parameter(token));
                case COMMA -> throw missingArgumentBefore(token);
                case WORD -> {
                    if (isSlashSwitch(token) && !commaFollows(token.end())) {
                        elements.add(slashSwitch(token));
                        offset = token.end();
                        lastEnd = token.end();
                    } else {
                        elements.add(new ArgumentElement(value(token)));
                    }
                }
                case VARIABLE -> elements.add(new ArgumentElement(value(token)));
            }
        }
    }

    /** The command name, or an error saying a command name was expected and what was found instead. */
    private String commandName(Token token) {
        String found = switch (token.kind()) {
            case WORD -> {
                char first = text.charAt(token.start());
                if (RunbookLexer.isDoubleQuote(first) || RunbookLexer.isSingleQuote(first)) {
                    yield "the quoted string";
                }
                if (RunbookLexer.isDash(first) || first == '/' || isNumber(token)) {
                    yield "the value";
                }
                yield null;
            }
            case VARIABLE -> "the variable";
            case PARAMETER -> "the parameter";
            case END_OF_PARAMETERS -> "the end-of-parameters marker";
            case COMMA -> "the comma";
            case PIPE, SEMICOLON, NEWLINE, END -> "the separator";
        };
        if (found == null) {
            return token.text();
        }
        String written = lexer.excerpt(token.start(), token.end());
        throw new ExhaException(CoreErrorCode.UNEXPECTED_TOKEN,
                "Unexpected token '" + written + "': expected a command name (such as Get-StorageGroup or setup.com) "
                        + "at the start of a pipeline element, but found " + found + ".",
                lines.at(token.start()));
    }

    /** Whether an unquoted word is a number such as {@code 5}, {@code 0.5} or {@code 1e3}, which is no command. */
    private static boolean isNumber(Token word) {
        return !word.quoted() && word.text().matches("\\+?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    private ParameterElement parameter(Token token) {
        offset = token.end();
        lastEnd = token.end();
        String rawText = text.substring(token.start(), token.end());
        Value attached = null;
        if (token.hasAttachedValue()) {
            Token first = lexer.next(offset, Mode.VALUE);
            attached = switch (first.kind()) {
                case WORD, VARIABLE -> value(first);
                case COMMA -> throw missingArgumentBefore(first);
                // PARAMETER and END_OF_PARAMETERS cannot be read in VALUE mode; listed so the switch stays exhaustive.
                case PIPE, SEMICOLON, NEWLINE, END, PARAMETER, END_OF_PARAMETERS -> throw new ExhaException(
                        CoreErrorCode.MISSING_ARGUMENT,
                        "Missing argument in parameter list: '" + rawText + "' has no value after the colon.",
                        lines.at(token.start()));
            };
        }
        return new ParameterElement(token.text(), rawText, attached, lines.at(token.start()));
    }

    /** A value, or an array when commas follow: {@code a,b}, {@code a, b}. */
    private Value value(Token first) {
        List<Value> elements = new ArrayList<>();
        elements.add(single(first));
        offset = first.end();
        lastEnd = first.end();
        while (commaFollows(offset)) {
            int comma = lexer.skipTrivia(offset);
            offset = comma + 1;
            Token next = lexer.next(offset, Mode.VALUE);
            switch (next.kind()) {
                case WORD, VARIABLE -> {
                    elements.add(single(next));
                    offset = next.end();
                    lastEnd = next.end();
                }
                case COMMA -> throw missingArgumentBefore(next);
                // PARAMETER and END_OF_PARAMETERS cannot be read in VALUE mode; listed so the switch stays exhaustive.
                case PIPE, SEMICOLON, NEWLINE, END, PARAMETER, END_OF_PARAMETERS -> throw new ExhaException(
                        CoreErrorCode.MISSING_ARGUMENT,
                        "Missing argument in parameter list: expected a value after ','.", lines.at(comma));
            }
        }
        return elements.size() == 1 ? elements.get(0) : new Value.ArrayLiteral(elements, elements.get(0).position());
    }

    private Value single(Token token) {
        SourcePosition position = lines.at(token.start());
        if (token.kind() == TokenKind.VARIABLE) {
            return new Value.Variable(token.text(), position);
        }
        return new Value.Literal(token.text(), token.quoted(), position);
    }

    private boolean commaFollows(int from) {
        int next = lexer.skipTrivia(from);
        return next < text.length() && text.charAt(next) == ',';
    }

    /** A bare word written {@code /Name} or {@code /Name:value}; a lone {@code /} or {@code /:x} is a plain value. */
    private boolean isSlashSwitch(Token word) {
        return text.charAt(word.start()) == '/' && word.text().length() > 1 && word.colon() != 1;
    }

    private SlashSwitchElement slashSwitch(Token word) {
        String value = word.text();
        String rawText = text.substring(word.start(), word.end());
        SourcePosition position = lines.at(word.start());
        if (word.colon() < 0) {
            return new SlashSwitchElement(value.substring(1), null, rawText, position);
        }
        return new SlashSwitchElement(value.substring(1, word.colon()), value.substring(word.colon() + 1), rawText, position);
    }

    private ExhaException missingArgumentBefore(Token comma) {
        return new ExhaException(CoreErrorCode.MISSING_ARGUMENT,
                "Missing argument in parameter list: expected a value before ','.", lines.at(comma.start()));
    }

    private ExhaException emptyPipe(Token pipe, String side) {
        return new ExhaException(CoreErrorCode.EMPTY_PIPE_ELEMENT,
                "An empty pipe element is not allowed: there is no command " + side + " '|'.", lines.at(pipe.start()));
    }
}
