package io.github.exha.archfixtures.cycles.violating.cluster;

import io.github.exha.archfixtures.cycles.violating.exchange.ExchangeServer;

/** Violation: cluster ↔ exchange, a cycle across modules. */
public class ClusterNode {
    public ExchangeServer host() {
        return null;
    }
}
