package io.github.exha.archfixtures.statics.violating.cluster;

import java.util.ArrayList;

/** Violation: a final reference to a mutable object is still shared state. */
public final class PendingEvents {
    static final ArrayList<String> PENDING = new ArrayList<>();
}
