package io.github.exha.archfixtures.statics.compliant.core;

/** Enum constants, $VALUES and the values() array clone are fine. */
public enum ErrorSeverity {
    WARNING, ERROR;

    public boolean isFatal() {
        // A switch over an enum makes javac emit a synthetic $SwitchMap$ array in a synthetic class.
        switch (this) {
            case WARNING:
                return false;
            case ERROR:
                return true;
        }
        throw new AssertionError(this);
    }

    public static ErrorSeverity worst(ErrorSeverity a, ErrorSeverity b) {
        assert a != null && b != null; // makes javac emit the synthetic $assertionsDisabled
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
