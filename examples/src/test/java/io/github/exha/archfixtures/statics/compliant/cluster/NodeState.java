package io.github.exha.archfixtures.statics.compliant.cluster;

/** Records have no statics; instance fields are not this rule's concern. */
public record NodeState(String name, boolean up) {
}
