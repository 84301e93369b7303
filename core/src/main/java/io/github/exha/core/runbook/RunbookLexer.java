package io.github.exha.core.runbook;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.Locale;

/**
 * Splits runbook text into {@link Token}s the way PowerShell's argument mode does, for the subset exha accepts.
 *
 * <p>The lexer is stateless apart from the text: {@link #next(int, Mode)} reads the token at an offset, so the
 * parser can look ahead by reading again. Whether {@code -Name} is a parameter depends on where it stands
 * (after {@code -Name:} or a comma it is a value), so the parser says which {@link Mode} applies.
 *
 * <p>Syntax outside the subset (script blocks, sub-expressions, casts, redirection, the call operator,
 * assignments) is reported here, where the offending characters are seen first.
 */
final class RunbookLexer {
    /** How long a quoted excerpt of the source in an error message may be. */
    private static final int EXCERPT_LENGTH = 40;

    private static final String SUBSET = "exha runbooks accept commands and pipelines only";

    /** Where a token is read, which decides how a leading dash and a leading {@code $} are taken. */
    enum Mode {
        /** The first word of a pipeline element: as {@link #ARGUMENT}, and {@code $x = ...} is an assignment. */
        COMMAND,
        /** After a command name: {@code -Name} is a parameter and {@code --} ends parameters. */
        ARGUMENT,
        /** After {@code -Name:}, a comma, or {@code --}: everything that is not a separator is a value. */
        VALUE
    }

    private final String text;
    private final SourceLines lines;
    private final int length;

    RunbookLexer(String text, SourceLines lines) {
        this.text = text;
        this.lines = lines;
        this.length = text.length();
    }

    /**
     * Rejects C0 control characters other than tab, CR and LF, and DEL: they mean the file is binary or in the wrong
     * encoding (UTF-16 read as UTF-8 is full of NULs), and they would be invisible in every message about it.
     */
    void rejectControlCharacters() {
        for (int i = lines.start(); i < length; i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                String code = String.format(Locale.ROOT, "U+%04X", (int) c);
                throw new ExhaException(CoreErrorCode.INVALID_CHARACTER,
                        "The control character '" + code + "' is not allowed in a runbook; is the file binary or not UTF-8?",
                        lines.at(i));
            }
        }
    }

    /**
     * Skips spaces, tabs, comments and backtick line continuations, but not line breaks, which end statements.
     *
     * @return the offset of the next token, or the text's length
     */
    int skipTrivia(int offset) {
        int i = offset;
        while (i < length) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '`' && isContinuation(i)) {
                i = afterLineBreak(i + 1);
            } else if (c == '#') {
                while (i < length && !isLineBreak(text.charAt(i))) {
                    i++;
                }
            } else if (c == '<' && i + 1 < length && text.charAt(i + 1) == '#') {
                int close = text.indexOf("#>", i + 2);
                if (close < 0) {
                    // No code fits a comment exactly; like a string, it is a construct missing its terminator.
                    throw new ExhaException(CoreErrorCode.UNTERMINATED_STRING,
                            "The terminator '#>' is missing from the multiline comment '" + lineExcerpt(i) + "'.",
                            lines.at(i));
                }
                i = close + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** Reads the token at or after {@code offset} (after {@link #skipTrivia(int) trivia}). */
    Token next(int offset, Mode mode) {
        int i = skipTrivia(offset);
        if (i >= length) {
            return Token.plain(TokenKind.END, length, length, "");
        }
        char c = text.charAt(i);
        switch (c) {
            case '\n':
                return Token.plain(TokenKind.NEWLINE, i, i + 1, "\n");
            case '\r':
                return Token.plain(TokenKind.NEWLINE, i, afterLineBreak(i), "\n");
            case '|':
                return Token.plain(TokenKind.PIPE, i, i + 1, "|");
            case ';':
                return Token.plain(TokenKind.SEMICOLON, i, i + 1, ";");
            case ',':
                return Token.plain(TokenKind.COMMA, i, i + 1, ",");
            case '{':
            case '}':
                throw unsupported(i, "A script block");
            case '(':
            case ')':
                throw unsupported(i, "A parenthesised expression");
            case '[':
                throw unsupported(i, "A type cast");
            case '&':
                throw unsupported(i, i + 1 < length && text.charAt(i + 1) == '&'
                        ? "The pipeline chain operator" : "The call operator");
            case '>':
            case '<':
                throw unsupported(i, "Redirection");
            case '$':
                return variable(i, mode);
            case '@':
                if (i + 1 < length && startsSplatOrLiteral(i + 1)) {
                    throw unsupported(i, "An array, hash table or splatting expression");
                }
                return bareWord(i);
            default:
                break;
        }
        if ((c == '*' || (c >= '1' && c <= '6')) && i + 1 < length && text.charAt(i + 1) == '>') {
            throw unsupported(i, "Redirection");
        }
        if (isDoubleQuote(c)) {
            StringBuilder value = new StringBuilder();
            int end = doubleQuoted(i, value);
            return new Token(TokenKind.WORD, i, end, value.toString(), true, -1);
        }
        if (isSingleQuote(c)) {
            StringBuilder value = new StringBuilder();
            int end = singleQuoted(i, value);
            return new Token(TokenKind.WORD, i, end, value.toString(), true, -1);
        }
        if (isDash(c) && mode != Mode.VALUE) {
            Token parameter = parameter(i);
            if (parameter != null) {
                return parameter;
            }
        }
        return bareWord(i);
    }

    private boolean startsSplatOrLiteral(int i) {
        char c = text.charAt(i);
        return c == '(' || c == '{' || isDoubleQuote(c) || isSingleQuote(c) || isNameStart(text.codePointAt(i));
    }

    /** {@code -Name}, {@code -Name:} or {@code --}; null when the dash starts a value such as {@code -5}. */
    private Token parameter(int dash) {
        int i = dash + 1;
        if (i >= length) {
            return null;
        }
        int first = text.codePointAt(i);
        if (Character.isLetter(first) || first == '_' || first == '?') {
            int end = i;
            while (end < length) {
                char c = text.charAt(end);
                if (isSpace(c) || isTerminator(c) || c == ':' || (c == '`' && isContinuation(end))) {
                    break;
                }
                end++;
            }
            String name = text.substring(i, end);
            if (end < length && text.charAt(end) == ':') {
                return new Token(TokenKind.PARAMETER, dash, end + 1, name, false, 0);
            }
            return new Token(TokenKind.PARAMETER, dash, end, name, false, -1);
        }
        if (isDash(text.charAt(i)) && endsToken(i + 1)) {
            return Token.plain(TokenKind.END_OF_PARAMETERS, dash, i + 1, text.substring(dash, i + 1));
        }
        return null;
    }

    /** {@code $name}; a lone {@code $} is a literal; anything richer is PowerShell beyond the subset. */
    private Token variable(int dollar, Mode mode) {
        int i = dollar + 1;
        if (endsToken(i)) {
            return new Token(TokenKind.WORD, dollar, i, "$", false, -1);
        }
        char c = text.charAt(i);
        if (c == '(') {
            throw unsupported(dollar, "A sub-expression");
        }
        if (c == '{') {
            throw unsupported(dollar, "A braced variable name");
        }
        int end = i;
        while (end < length && isNameChar(text.codePointAt(end))) {
            end += Character.charCount(text.codePointAt(end));
        }
        if (mode == Mode.COMMAND && end > i && isAssignmentAfter(end)) {
            throw unsupported(dollar, "An assignment");
        }
        if (end == i) {
            throw unsupported(dollar, "A special variable");
        }
        if (!endsToken(end)) {
            throw unsupported(dollar, "A variable expression");
        }
        return Token.plain(TokenKind.VARIABLE, dollar, end, text.substring(i, end));
    }

    /** Whether {@code =}, {@code +=}, {@code -=}, {@code *=}, {@code /=} or {@code %=} follows, after spaces. */
    private boolean isAssignmentAfter(int offset) {
        int i = offset;
        while (i < length && isSpace(text.charAt(i))) {
            i++;
        }
        if (i < length && "+-*/%".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i < length && text.charAt(i) == '=';
    }

    /**
     * A bare word up to a space or separator. Quoted parts inside it are unquoted and joined to it, and a backtick
     * takes the next character literally, as PowerShell does with {@code abc"d e"}.
     */
    private Token bareWord(int start) {
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        int colon = -1;
        int i = start;
        while (i < length) {
            char c = text.charAt(i);
            if (isSpace(c) || isTerminator(c)) {
                break;
            }
            if (c == '`') {
                if (isContinuation(i)) {
                    break;
                }
                value.append(text.charAt(i + 1));
                i += 2;
            } else if (isDoubleQuote(c)) {
                i = doubleQuoted(i, value);
                quoted = true;
            } else if (isSingleQuote(c)) {
                i = singleQuoted(i, value);
                quoted = true;
            } else {
                if (c == ':' && colon < 0) {
                    colon = value.length();
                }
                value.append(c);
                i++;
            }
        }
        return new Token(TokenKind.WORD, start, i, value.toString(), quoted, colon);
    }

    /**
     * Reads a double-quoted string opening at {@code open} into {@code value}.
     *
     * @return the offset after the closing quote
     */
    private int doubleQuoted(int open, StringBuilder value) {
        int i = open + 1;
        while (i < length) {
            char c = text.charAt(i);
            if (isDoubleQuote(c)) {
                if (i + 1 < length && isDoubleQuote(text.charAt(i + 1))) {
                    value.append(c);
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '`') {
                if (i + 1 >= length) {
                    break;
                }
                value.append(escaped(text.charAt(i + 1)));
                i += 2;
                continue;
            }
            if (c == '$' && i + 1 < length) {
                int next = text.codePointAt(i + 1);
                if (Character.isLetter(next) || next == '_' || next == '{' || next == '(') {
                    throw new ExhaException(CoreErrorCode.UNSUPPORTED_SYNTAX,
                            "Variable expansion '" + expansionExcerpt(i) + "' inside a double-quoted string is not supported: "
                                    + SUBSET + ". Use single quotes for a literal $, or escape it as `$.",
                            lines.at(i));
                }
            }
            value.append(c);
            i++;
        }
        throw unterminated(open, '"');
    }

    /**
     * Reads a single-quoted string opening at {@code open} into {@code value}: no escapes but a doubled quote.
     *
     * @return the offset after the closing quote
     */
    private int singleQuoted(int open, StringBuilder value) {
        int i = open + 1;
        while (i < length) {
            char c = text.charAt(i);
            if (isSingleQuote(c)) {
                if (i + 1 < length && isSingleQuote(text.charAt(i + 1))) {
                    value.append(c);
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            value.append(c);
            i++;
        }
        throw unterminated(open, '\'');
    }

    private static char escaped(char c) {
        return switch (c) {
            case '0' -> '\0';
            case 'a' -> '\u0007';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000B';
            default -> c;
        };
    }

    private ExhaException unterminated(int open, char terminator) {
        return new ExhaException(CoreErrorCode.UNTERMINATED_STRING,
                "The string is missing the terminator: " + terminator + ". The string starts '" + lineExcerpt(open) + "'.",
                lines.at(open));
    }

    private ExhaException unsupported(int offset, String construct) {
        return new ExhaException(CoreErrorCode.UNSUPPORTED_SYNTAX,
                construct + " '" + wordExcerpt(offset) + "' is not supported: " + SUBSET
                        + " (a command name followed by -Parameters, /Switches and values, joined by |).",
                lines.at(offset));
    }

    /** Whether a token ending at {@code offset} is complete: a space, a separator, a continuation or the end follows. */
    private boolean endsToken(int offset) {
        if (offset >= length) {
            return true;
        }
        char c = text.charAt(offset);
        return isSpace(c) || isTerminator(c) || (c == '`' && isContinuation(offset));
    }

    /** Whether the backtick at {@code offset} continues the line (it ends the line, or the text). */
    private boolean isContinuation(int offset) {
        return offset + 1 >= length || isLineBreak(text.charAt(offset + 1));
    }

    /** The offset after the line break at {@code offset} ({@code \r\n} counts as one), or the end. */
    private int afterLineBreak(int offset) {
        if (offset >= length) {
            return length;
        }
        if (text.charAt(offset) == '\r' && offset + 1 < length && text.charAt(offset + 1) == '\n') {
            return offset + 2;
        }
        return offset + 1;
    }

    /** The source from {@code offset} to the next space or separator, shortened for a message. */
    String wordExcerpt(int offset) {
        int end = offset + 1;
        while (end < length && !isSpace(text.charAt(end)) && !isTerminator(text.charAt(end))) {
            end++;
        }
        return shorten(offset, Math.min(end, length));
    }

    /** The source from {@code offset} to the end of its line, shortened for a message. */
    String lineExcerpt(int offset) {
        int end = offset + 1;
        while (end < length && !isLineBreak(text.charAt(end))) {
            end++;
        }
        return shorten(offset, Math.min(end, length));
    }

    /** {@code $name}, {@code ${} or {@code $(} as written inside a string. */
    private String expansionExcerpt(int dollar) {
        int end = dollar + 1;
        if (end < length && (text.charAt(end) == '{' || text.charAt(end) == '(')) {
            return text.substring(dollar, end + 1);
        }
        while (end < length && isNameChar(text.codePointAt(end))) {
            end += Character.charCount(text.codePointAt(end));
        }
        return text.substring(dollar, end);
    }

    /** The source of a token, shortened for a message. */
    String excerpt(int start, int end) {
        return shorten(start, end);
    }

    private String shorten(int start, int end) {
        if (end - start <= EXCERPT_LENGTH) {
            return text.substring(start, end);
        }
        return text.substring(start, start + EXCERPT_LENGTH) + "...";
    }

    /** Space, tab, and Unicode space separators (word processors put no-break spaces in published procedures). */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || (c > 0x7F && Character.isSpaceChar(c));
    }

    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    /** Characters that end a bare word and separate statements, pipeline elements or array elements. */
    static boolean isTerminator(char c) {
        return c == '|' || c == ';' || c == ',' || c == '\n' || c == '\r';
    }

    /** Hyphen-minus, en dash, em dash and horizontal bar, which PowerShell all accepts as a parameter dash. */
    static boolean isDash(char c) {
        return c == '-' || c == '\u2013' || c == '\u2014' || c == '\u2015';
    }

    /** The straight and typographic double quotes, which PowerShell treats as one class. */
    static boolean isDoubleQuote(char c) {
        return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';
    }

    /** The straight and typographic single quotes, which PowerShell treats as one class. */
    static boolean isSingleQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }

    private static boolean isNameStart(int codePoint) {
        return Character.isLetter(codePoint) || codePoint == '_';
    }

    private static boolean isNameChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_';
    }
}
