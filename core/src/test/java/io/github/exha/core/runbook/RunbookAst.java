package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;
import java.util.List;

/** Builders for expected ASTs in tests: positions are on one line of {@link #FILE} unless given. */
final class RunbookAst {
    static final String FILE = "test.ps1";

    private RunbookAst() {
    }

    static SourcePosition at(int line, int column) {
        return new SourcePosition(FILE, line, column);
    }

    /** The 1-based column of the first occurrence of {@code token} in {@code line}, at or after {@code from}. */
    static int col(String line, String token, int from) {
        int index = line.indexOf(token, from - 1);
        if (index < 0) {
            throw new AssertionError("'" + token + "' not in '" + line + "'");
        }
        return index + 1;
    }

    static int col(String line, String token) {
        return col(line, token, 1);
    }

    static Value.Literal word(String text, SourcePosition at) {
        return new Value.Literal(text, false, at);
    }

    static Value.Literal quoted(String text, SourcePosition at) {
        return new Value.Literal(text, true, at);
    }

    static Value.Variable variable(String name, SourcePosition at) {
        return new Value.Variable(name, at);
    }

    static Value.ArrayLiteral array(Value... elements) {
        return new Value.ArrayLiteral(List.of(elements), elements[0].position());
    }

    static ArgumentElement arg(Value value) {
        return new ArgumentElement(value);
    }

    /** {@code -Name} as written (any dash), no value. */
    static ParameterElement param(String rawText, SourcePosition at) {
        return new ParameterElement(rawText.substring(1), rawText, null, at);
    }

    /** {@code -Name:} as written with its attached value. */
    static ParameterElement param(String rawText, Value attached, SourcePosition at) {
        return new ParameterElement(rawText.substring(1, rawText.length() - 1), rawText, attached, at);
    }

    static SlashSwitchElement slash(String name, String value, String rawText, SourcePosition at) {
        return new SlashSwitchElement(name, value, rawText, at);
    }

    static CommandCall command(String name, SourcePosition at, CommandElement... elements) {
        return new CommandCall(name, at, List.of(elements));
    }
}
