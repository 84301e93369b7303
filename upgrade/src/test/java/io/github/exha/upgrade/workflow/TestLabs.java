package io.github.exha.upgrade.workflow;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.replication.ReplicationModule;
import io.github.exha.upgrade.UpgradeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Labs composed as the CLI composes them, from the test topologies. */
public final class TestLabs {
    private TestLabs() {
    }

    /** A lab with every module up to upgrade. */
    public static Lab create(LabSpec spec) {
        return Lab.create(spec, new ClusterModule(), new ExchangeModule(), new ReplicationModule(),
                new UpgradeModule());
    }

    /** The spec of a test topology (a resource), with its own seed or another. */
    public static LabSpec spec(String resource, OptionalLong seed) {
        try (InputStream in = TestLabs.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test topology " + resource);
            }
            return new LabSpec(TopologySource.text(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                    seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CCR lab at Exchange 2007 RTM: EXCHCMS on NODE1, NODE2 passive. */
    public static LabSpec ccr() {
        return spec("ccr-rtm.yaml", OptionalLong.empty());
    }
}
