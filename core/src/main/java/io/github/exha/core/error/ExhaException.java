package io.github.exha.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The one unchecked exception exha raises for anything a user can see: bad input, an operation the simulated
 * product refuses, or an internal fault. It carries a stable {@link ErrorCode}, the real product's
 * {@link NativeCode} where there is one, and the {@link SourcePosition} for errors in a file.
 */
public class ExhaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;
    private final transient NativeCode nativeCode;
    private final transient SourcePosition position;

    public ExhaException(ErrorCode code, String message) {
        this(code, message, null, null, null);
    }

    public ExhaException(ErrorCode code, String message, NativeCode nativeCode) {
        this(code, message, nativeCode, null, null);
    }

    public ExhaException(ErrorCode code, String message, SourcePosition position) {
        this(code, message, null, position, null);
    }

    public ExhaException(ErrorCode code, String message, NativeCode nativeCode, SourcePosition position, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.nativeCode = nativeCode;
        this.position = position;
    }

    /** The stable code. */
    public ErrorCode code() {
        return code;
    }

    /** The real product's number for this error, when it has one. */
    public Optional<NativeCode> nativeCode() {
        return Optional.ofNullable(nativeCode);
    }

    /** Where in a user's file the error is, for runbook and topology errors. */
    public Optional<SourcePosition> position() {
        return Optional.ofNullable(position);
    }

    /** The same error placed at a position in a file (used when a value error is found while reading a file). */
    public ExhaException at(SourcePosition where) {
        ExhaException placed = new ExhaException(code, getMessage(), nativeCode, where, this);
        placed.setStackTrace(getStackTrace());
        return placed;
    }

    /** {@code file:line:col: message} when positioned, else the message, as front ends print it. */
    public String describe() {
        return position == null ? getMessage() : position + ": " + getMessage();
    }
}
