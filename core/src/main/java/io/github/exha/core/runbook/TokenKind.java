package io.github.exha.core.runbook;

/** What a {@link Token} of the runbook language is. */
enum TokenKind {
    /** A bare word, a quoted string, or a bare word with quoted parts; {@link Token#text()} is its value. */
    WORD,
    /** {@code $name}; {@link Token#text()} is the name without {@code $}. */
    VARIABLE,
    /** {@code -Name} or {@code -Name:}; {@link Token#text()} is the name without dash or colon. */
    PARAMETER,
    /** A lone {@code --}: the command's remaining tokens are arguments even when they start with a dash. */
    END_OF_PARAMETERS,
    /** {@code ,} between array elements. */
    COMMA,
    /** {@code |} between pipeline elements. */
    PIPE,
    /** {@code ;} between statements. */
    SEMICOLON,
    /** A line break ({@code \n}, {@code \r\n} or {@code \r}) between statements. */
    NEWLINE,
    /** The end of the text. */
    END
}
