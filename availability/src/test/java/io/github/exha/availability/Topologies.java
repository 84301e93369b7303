package io.github.exha.availability;

import io.github.exha.cluster.topology.ClustersSection;
import io.github.exha.cluster.topology.HostsSection;
import io.github.exha.cluster.topology.SiteLinksSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import io.github.exha.exchange.topology.ExchangeSection;
import io.github.exha.replication.san.SanReplicationSection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The shipped seed topologies (on the test class path), read with every section an estimate needs. */
final class Topologies {
    static final String SAN = "seed-000-san-dr.yaml";
    static final String CCR = "seed-004-ccr.yaml";
    static final String CCR_SCR = "seed-003-scr.yaml";

    private static final TopologyLoader LOADER = new TopologyLoader(Set.of(new HostsSection(), new ClustersSection(),
            new StorageSection(), new SiteLinksSection(), new ExchangeSection(), new SanReplicationSection(),
            new ReliabilitySection()));

    private Topologies() {
    }

    static String text(String file) {
        try (InputStream in = Topologies.class.getResourceAsStream("/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Topology load(String file) {
        return parse(file, text(file));
    }

    static Topology parse(String file, String yaml) {
        return LOADER.parse(file, yaml);
    }
}
