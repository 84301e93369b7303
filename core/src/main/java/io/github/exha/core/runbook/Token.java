package io.github.exha.core.runbook;

/**
 * One token of a runbook, as the {@link RunbookLexer} read it.
 *
 * @param kind what the token is
 * @param start offset of its first character (the dash, the {@code $}, the opening quote)
 * @param end offset just after its last character
 * @param text the resolved text: a word with quotes removed and escapes applied, a variable or parameter name
 * @param quoted for a word, whether any part of it was written in quotes
 * @param colon for a word, the index in {@code text} of the first colon written outside quotes and escapes,
 *     or -1; for a parameter, 0 when written {@code -Name:} with a value to follow, else -1
 */
record Token(TokenKind kind, int start, int end, String text, boolean quoted, int colon) {
    /** A token whose text is its source text and that has no colon. */
    static Token plain(TokenKind kind, int start, int end, String text) {
        return new Token(kind, start, end, text, false, -1);
    }

    /** Whether this parameter token was written {@code -Name:}, so that a value is attached. */
    boolean hasAttachedValue() {
        return kind == TokenKind.PARAMETER && colon >= 0;
    }
}
