package io.github.exha.archfixtures.statics.violating.cluster;

import java.util.Properties;

/** Violation: a final reference to a mutable object is still shared state. */
public final class LegacyProperties {
    static final Properties SETTINGS = new Properties();
}
