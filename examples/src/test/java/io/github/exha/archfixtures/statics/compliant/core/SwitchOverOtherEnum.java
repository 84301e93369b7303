package io.github.exha.archfixtures.statics.compliant.core;

/** Switching over an enum of another class puts $SwitchMap$ in a synthetic nested class. */
public final class SwitchOverOtherEnum {
    public String label(ErrorSeverity severity) {
        switch (severity) {
            case WARNING:
                return "warning";
            case ERROR:
                return "error";
        }
        throw new AssertionError(severity);
    }
}
