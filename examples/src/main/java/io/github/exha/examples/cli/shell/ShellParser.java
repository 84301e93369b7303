package io.github.exha.examples.cli.shell;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.runbook.RunbookParser;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits the line for completion, and asks for a continuation line ({@code >> }) where PowerShell would: after a
 * trailing pipe, a trailing backtick, or inside an unterminated string or block comment. Whether the entry is
 * complete is the runbook parser's call; other syntax errors are accepted here and reported when the entry runs.
 *
 * <p>The backslash is not an escape character (it separates {@code SERVER\Storage Group}); a completed value with a
 * space is put in single quotes, as PowerShell's own completion does, or closes the quote the user opened.
 */
final class ShellParser extends DefaultParser {

    ShellParser() {
        escapeChars(new char[0]);
        setEofOnUnclosedQuote(false);
        setEofOnEscapedNewLine(false);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && needsContinuation(line)) {
            throw new EOFError(-1, -1, "the statement continues on the next line", "continuation");
        }
        ParsedLine parsed = super.parse(line, cursor, context);
        return new Line((CompletingParsedLine) parsed, line, cursor);
    }

    /**
     * A completed value as the runbook language reads it: unchanged, or in single quotes when it holds a space; in
     * the quote the user opened, if any.
     */
    static String quote(String value, String openingQuote, boolean complete) {
        String quote = openingQuote != null ? openingQuote
                : value.chars().anyMatch(Character::isWhitespace) ? "'" : null;
        if (quote == null) {
            return value;
        }
        return quote + value + (complete ? quote : "");
    }

    /** The line as split by the default parser, with the runbook language's quoting of completed values. */
    private record Line(CompletingParsedLine parsed, String text, int cursor) implements CompletingParsedLine {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            int start = cursor - parsed.rawWordCursor();
            String opening = null;
            if (start >= 0 && start < text.length() && (text.charAt(start) == '\'' || text.charAt(start) == '"')) {
                opening = String.valueOf(text.charAt(start));
            }
            return quote(candidate.toString(), opening, complete);
        }

        @Override
        public int rawWordCursor() {
            return parsed.rawWordCursor();
        }

        @Override
        public int rawWordLength() {
            return parsed.rawWordLength();
        }

        @Override
        public String word() {
            return parsed.word();
        }

        @Override
        public int wordCursor() {
            return parsed.wordCursor();
        }

        @Override
        public int wordIndex() {
            return parsed.wordIndex();
        }

        @Override
        public java.util.List<String> words() {
            return parsed.words();
        }

        @Override
        public String line() {
            return parsed.line();
        }

        @Override
        public int cursor() {
            return parsed.cursor();
        }
    }

    /** Whether the entry so far is an unfinished statement. */
    static boolean needsContinuation(String text) {
        String trimmed = text.stripTrailing();
        if (trimmed.endsWith("`")) {
            return true;
        }
        try {
            RunbookParser.parse("shell", text);
            return false;
        } catch (ExhaException e) {
            return e.code() == CoreErrorCode.UNTERMINATED_STRING
                    || e.code() == CoreErrorCode.EMPTY_PIPE_ELEMENT && trimmed.endsWith("|");
        }
    }
}
