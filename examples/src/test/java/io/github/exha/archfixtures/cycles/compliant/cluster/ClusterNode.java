package io.github.exha.archfixtures.cycles.compliant.cluster;

import io.github.exha.archfixtures.cycles.compliant.core.Lab;

public class ClusterNode {
    public Lab lab() {
        return null;
    }
}
