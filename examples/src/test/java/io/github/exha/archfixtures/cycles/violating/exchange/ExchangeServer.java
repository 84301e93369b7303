package io.github.exha.archfixtures.cycles.violating.exchange;

import io.github.exha.archfixtures.cycles.violating.cluster.ClusterNode;

/** Violation: the other half of the cluster ↔ exchange cycle. */
public class ExchangeServer {
    public ClusterNode node() {
        return null;
    }
}
