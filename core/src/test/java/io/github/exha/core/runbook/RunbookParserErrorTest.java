package io.github.exha.core.runbook;

import static io.github.exha.core.runbook.RunbookAst.FILE;
import static io.github.exha.core.runbook.RunbookAst.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every syntax error names its code, the line and column of the offending token, and quotes the token. */
class RunbookParserErrorTest {
    private static final String SUBSET = "exha runbooks accept commands and pipelines only";

    private static ExhaException failure(String text) {
        ExhaException error = catchThrowableOfType(ExhaException.class, () -> RunbookParser.parse(FILE, text));
        assertThat(error).as("parsing %s", text).isNotNull();
        return error;
    }

    private static ExhaException assertError(String text, CoreErrorCode code, int line, int column, String quoted) {
        ExhaException error = failure(text);
        assertThat(error.code()).as(error.describe()).isEqualTo(code);
        assertThat(error.position()).as(error.describe()).contains(at(line, column));
        assertThat(error.getMessage()).contains("'" + quoted);
        return error;
    }

    @Test
    void unterminatedDoubleQuotedStringIsReportedAtItsOpeningQuote() {
        ExhaException error = assertError("Get-X -Identity \"CCR01\\First Storage Group", CoreErrorCode.UNTERMINATED_STRING,
                1, 17, "\"CCR01\\First Storage Group");
        assertThat(error.getMessage()).startsWith("The string is missing the terminator: \".");
    }

    @Test
    void unterminatedCurlyQuotedStringOnALaterLineIsReportedAtItsOpeningQuote() {
        ExhaException error = assertError("Get-A\nDismount-Database \u201CCCREX01\\First", CoreErrorCode.UNTERMINATED_STRING,
                2, 19, "\u201CCCREX01\\First");
        assertThat(error.getMessage()).startsWith("The string is missing the terminator: \".");
    }

    @Test
    void unterminatedSingleQuotedStringNamesTheSingleQuoteTerminator() {
        ExhaException error = assertError("Get-X it's", CoreErrorCode.UNTERMINATED_STRING, 1, 9, "'s");
        assertThat(error.getMessage()).startsWith("The string is missing the terminator: '.");
    }

    @Test
    void doubledQuoteAtTheEndIsAnEscapeSoTheStringIsUnterminated() {
        assertError("Get-X \"abc\"\"", CoreErrorCode.UNTERMINATED_STRING, 1, 7, "\"abc\"\"");
    }

    @Test
    void unterminatedBlockCommentIsReportedAtItsStart() {
        ExhaException error = assertError("Get-X <# note\nmore", CoreErrorCode.UNTERMINATED_STRING, 1, 7, "<# note");
        assertThat(error.getMessage()).contains("'#>'");
    }

    @Test
    void pipeAtTheStartOfAStatementIsAnEmptyPipeElement() {
        ExhaException error = assertError("Get-A\n  | Get-X", CoreErrorCode.EMPTY_PIPE_ELEMENT, 2, 3, "|'");
        assertThat(error.getMessage()).startsWith("An empty pipe element is not allowed");
    }

    @Test
    void pipeAtTheEndOfTheTextIsAnEmptyPipeElement() {
        assertError("Get-StorageGroupCopyStatus |\n\n# nothing follows\n", CoreErrorCode.EMPTY_PIPE_ELEMENT, 1, 28, "|'");
    }

    @Test
    void pipeBeforeASemicolonIsAnEmptyPipeElement() {
        assertError("Get-A | ; Get-B", CoreErrorCode.EMPTY_PIPE_ELEMENT, 1, 7, "|'");
    }

    @Test
    void doublePipeIsAnEmptyPipeElementAtTheSecondPipe() {
        assertError("Get-A || Get-B", CoreErrorCode.EMPTY_PIPE_ELEMENT, 1, 8, "|'");
    }

    @Test
    void trailingCommaIsAMissingArgument() {
        ExhaException error = assertError("Set-X -Roles Mailbox,", CoreErrorCode.MISSING_ARGUMENT, 1, 21, ",'");
        assertThat(error.getMessage()).startsWith("Missing argument in parameter list");
    }

    @Test
    void leadingCommaIsAMissingArgument() {
        assertError("Set-X -Roles ,Mailbox", CoreErrorCode.MISSING_ARGUMENT, 1, 14, ",'");
    }

    @Test
    void doubledCommaIsAMissingArgumentAtTheSecondComma() {
        assertError("Set-X a, ,b", CoreErrorCode.MISSING_ARGUMENT, 1, 10, ",'");
    }

    @Test
    void colonParameterWithoutValueIsAMissingArgument() {
        ExhaException error = assertError("Set-X -Confirm: | Get-Y", CoreErrorCode.MISSING_ARGUMENT, 1, 7, "-Confirm:'");
        assertThat(error.getMessage()).startsWith("Missing argument in parameter list");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "-Name x                 | 1 | -Name",
        "\u2013Force             | 1 | \u2013Force",
        "~\"Get-X\" a~           | 1 | \"Get-X\"",
        "\u201CGet-X\u201D       | 1 | \u201CGet-X\u201D",
        "~,a~                    | 1 | ,",
        "5                       | 1 | 5",
        "-5                      | 1 | -5",
        "$x                      | 1 | $x",
        "/ClearLocalCMS          | 1 | /ClearLocalCMS",
        "--                      | 1 | --",
    })
    void pipelineElementNotStartingWithACommandNameIsAnUnexpectedToken(String text, int column, String token) {
        ExhaException error = assertError("Get-A | " + text.strip(), CoreErrorCode.UNEXPECTED_TOKEN, 1, 8 + column, token);
        assertThat(error.getMessage()).contains("expected a command name");
    }

    @Test
    void controlCharacterIsAnInvalidCharacterAtItsPosition() {
        assertError("Get-A\n# a comment\u0001\n", CoreErrorCode.INVALID_CHARACTER, 2, 12, "U+0001");
        assertError("Get-A -Name a\u0000b", CoreErrorCode.INVALID_CHARACTER, 1, 14, "U+0000");
        assertError("Get-A \u007F", CoreErrorCode.INVALID_CHARACTER, 1, 7, "U+007F");
    }

    @Test
    void textLargerThanOneMebicharacterIsTooLarge() {
        String text = "#".repeat(RunbookParser.MAX_CHARACTERS + 1);
        ExhaException error = failure(text);
        assertThat(error.code()).isEqualTo(CoreErrorCode.RUNBOOK_TOO_LARGE);
        assertThat(error.position()).contains(at(1, 1));
        assertThat(error.getMessage()).contains(String.valueOf(RunbookParser.MAX_CHARACTERS + 1));
        assertThat(RunbookParser.parse(FILE, "#".repeat(RunbookParser.MAX_CHARACTERS)).statements()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "script block open             | Get-X { 1 }               | 7  | {",
        "script block close            | Get-X }                   | 7  | }",
        "parenthesised expression      | Get-X (Get-Date)          | 7  | (Get-Date)",
        "closing parenthesis           | Get-X )                   | 7  | )",
        "sub-expression                | Get-X $(Get-Date)         | 7  | $(Get-Date)",
        "sub-expression in a value     | Get-X -At:$(Get-Date)     | 11 | $(Get-Date)",
        "array sub-expression          | Get-X @(1)                | 7  | @(1)",
        "hash table                    | Get-X @{a=1}              | 7  | @{a=1}",
        "splatting                     | Get-X @params             | 7  | @params",
        "type cast                     | Get-X [int]5              | 7  | [int]5",
        "assignment                    | $x = Get-X                | 1  | $x",
        "assignment without spaces     | $x=5                      | 1  | $x=5",
        "compound assignment           | $x += 5                   | 1  | $x",
        "call operator                 | & setup.com               | 1  | &",
        "call operator after a pipe    | ~Get-A | & setup.com~     | 9  | &",
        "pipeline chain operator       | Get-A && Get-B            | 7  | &&",
        "redirection                   | Get-X > out.txt           | 7  | >",
        "appending redirection         | Get-X >> out.txt          | 7  | >>",
        "stream redirection            | Get-X 2>&1                | 7  | 2>&1",
        "input redirection             | Get-X < in.txt            | 7  | <",
        "property access on a variable | Get-X $true.x             | 7  | $true.x",
        "index on a variable           | Get-X $x[0]               | 7  | $x[0]",
        "scoped variable               | Get-X $env:TEMP           | 7  | $env:TEMP",
        "braced variable               | Get-X ${x}                | 7  | ${x}",
        "automatic variable            | Get-X $?                  | 7  | $?",
        "variable expansion in string  | ~Get-X \"Hello $name\"~   | 14 | $name",
        "sub-expression in string      | ~Get-X \"a $(b)\"~        | 10 | $(",
        "braced expansion in string    | ~Get-X \"a ${b}\"~        | 10 | ${",
    })
    void powerShellOutsideTheSubsetIsUnsupportedSyntax(String construct, String text, int column, String token) {
        ExhaException error = assertError(text, CoreErrorCode.UNSUPPORTED_SYNTAX, 1, column, token);
        assertThat(error.getMessage()).as(construct).contains(SUBSET);
    }

    @Test
    void variableExpansionInADoubleQuotedStringSuggestsSingleQuotes() {
        ExhaException error = assertError("Set-X -Comment \u201CCost: $total\u201D", CoreErrorCode.UNSUPPORTED_SYNTAX,
                1, 23, "$total");
        assertThat(error.getMessage()).contains("single quotes");
    }

    @Test
    void errorDescriptionNamesFileLineAndColumn() {
        assertThat(failure("Get-A\nGet-B \"x").describe())
                .startsWith(FILE + ":2:7: The string is missing the terminator");
    }
}
