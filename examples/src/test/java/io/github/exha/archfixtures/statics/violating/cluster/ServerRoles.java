package io.github.exha.archfixtures.statics.violating.cluster;

/** Violation: a final reference to a mutable object is still shared state. */
public final class ServerRoles {
    static final String[] ROLES = {"Mailbox", "Hub"};
}
