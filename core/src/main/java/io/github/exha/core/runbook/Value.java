package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;

/** An argument value as written: a literal word or string, a variable, or a comma-separated array. */
public sealed interface Value permits Value.Literal, Value.Variable, Value.ArrayLiteral {
    /** Where the value starts. */
    SourcePosition position();

    /**
     * A bare word ({@code NH-W2K3-SRV03}, {@code 0.0:0:0}, {@code C:\}) or a quoted string with quotes removed and
     * escapes resolved.
     *
     * @param text the value
     * @param quoted whether it was written in quotes (a quoted {@code "90"} is still convertible to a number,
     *     but a quoted word is never taken as a parameter name)
     * @param position where the value (or its opening quote) starts
     */
    record Literal(String text, boolean quoted, SourcePosition position) implements Value {
        public Literal {
            java.util.Objects.requireNonNull(text, "text");
            java.util.Objects.requireNonNull(position, "position");
        }
    }

    /**
     * A variable reference such as {@code $true}, {@code $TRUE}, {@code $false}, {@code $null}.
     *
     * @param name the name without {@code $}, as written
     * @param position where the {@code $} is
     */
    record Variable(String name, SourcePosition position) implements Value {
        public Variable {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(position, "position");
        }
    }

    /**
     * {@code a,b,c}: two or more values separated by commas.
     *
     * @param elements the elements, in order (none is itself an array)
     * @param position where the first element starts
     */
    record ArrayLiteral(java.util.List<Value> elements, SourcePosition position) implements Value {
        public ArrayLiteral {
            elements = java.util.List.copyOf(elements);
            java.util.Objects.requireNonNull(position, "position");
        }
    }
}
