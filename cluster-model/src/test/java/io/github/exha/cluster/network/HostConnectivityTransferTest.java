package io.github.exha.cluster.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.ClustersSection;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.cluster.topology.HostsSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Transfers between hosts take the path's latency and bandwidth: the LAN default inside a site, the declared WAN link
 * between sites, where transfers queue behind each other.
 */
class HostConnectivityTransferTest {
    private static final long MIB = 1L << 20;

    private final Kernel kernel;
    private final Datacenter datacenter;
    private final HostConnectivity connectivity;

    HostConnectivityTransferTest() throws IOException {
        String file = "four-node-stretched-fsw.yaml";
        String text;
        try (InputStream in = HostConnectivityTransferTest.class.getResourceAsStream("/topologies/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Topology topology = new TopologyLoader(Set.of(new StorageSection(), new HostsSection(), new ClustersSection()))
                .parse(file, text);
        kernel = Kernel.create(topology.name(), 1, topology.start());
        datacenter = Datacenter.build(topology, kernel, HostConnectivityTransferTest.class.getClassLoader());
        connectivity = new HostConnectivity(kernel, datacenter.hosts());
    }

    private Host host(String name) {
        return datacenter.host(name);
    }

    @Test
    void insideASiteAndWithoutADeclaredLinkTheLanTakes80MillisecondsPerMebibyte() {
        assertThat(connectivity.transferTime(host("NODE1"), host("NODE2"), MIB)).isEqualTo(Duration.ofMillis(80));
        assertThat(connectivity.transferTime(host("NODE1"), host("NODE3"), MIB)).isEqualTo(Duration.ofMillis(80));
        // LAN transfers do not queue behind each other.
        assertThat(connectivity.transferTime(host("NODE1"), host("NODE3"), MIB)).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void aSiteLinkAddsItsLatencyAndQueuesTransfersAtItsBandwidth() {
        connectivity.declareSiteLink("Production", "Recovery", new HostConnectivity.LinkSpeed(Duration.ofMillis(30),
                MIB));
        assertThat(connectivity.speed(host("NODE3"), host("NODE1")).bytesPerSecond()).isEqualTo(MIB);
        assertThat(connectivity.transferTime(host("NODE1"), host("NODE3"), MIB)).isEqualTo(Duration.ofMillis(1030));
        // The second log waits for the first to leave the link, in either direction.
        assertThat(connectivity.transferTime(host("NODE4"), host("NODE2"), MIB)).isEqualTo(Duration.ofMillis(2030));
        kernel.scheduler().runFor(Duration.ofSeconds(10));
        assertThat(connectivity.transferTime(host("NODE1"), host("NODE3"), MIB / 2)).isEqualTo(Duration.ofMillis(530));
        // Inside a site the LAN is untouched.
        assertThat(connectivity.transferTime(host("NODE1"), host("NODE2"), MIB)).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void aLinkNeedsTwoKnownDifferentSitesAndOnlyOneLinkPerPair() {
        HostConnectivity.LinkSpeed speed = new HostConnectivity.LinkSpeed(Duration.ZERO, MIB);
        assertThatThrownBy(() -> connectivity.declareSiteLink("Production", "Recovry", speed))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code())
                        .isEqualTo(CoreErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("Recovery");
        connectivity.declareSiteLink("Production", "Recovery", speed);
        assertThatThrownBy(() -> connectivity.declareSiteLink("Recovery", "Production", speed))
                .hasMessageContaining("already have a link");
    }
    // ---- chaos: slow links ----
    @Test
    void aSlowedLinkCarriesTransfersAtItsSpeedUntilRestoredToWhatItWas() {
        HostConnectivity.LinkSpeed slow = new HostConnectivity.LinkSpeed(Duration.ofMillis(300), MIB / 4);
        // Sites without a declared link talk at LAN speed; slowing gives them a link, restoring takes it away.
        assertThat(connectivity.slowSiteLink("Production", "Recovery", slow)).isNull();
        assertThat(connectivity.transferTime(host("NODE1"), host("NODE3"), MIB)).isEqualTo(Duration.ofMillis(4300));
        connectivity.restoreSiteLink("Production", "Recovery", null);
        assertThat(connectivity.transferTime(host("NODE1"), host("NODE3"), MIB)).isEqualTo(Duration.ofMillis(80));
        HostConnectivity.LinkSpeed declared = new HostConnectivity.LinkSpeed(Duration.ofMillis(30), MIB);
        connectivity.declareSiteLink("Production", "Recovery", declared);
        assertThat(connectivity.slowSiteLink("Recovery", "Production", slow)).isEqualTo(declared);
        assertThat(connectivity.speed(host("NODE3"), host("NODE1"))).isEqualTo(slow);
        connectivity.restoreSiteLink("Recovery", "Production", declared);
        assertThat(connectivity.speed(host("NODE3"), host("NODE1"))).isEqualTo(declared);
        assertThat(kernel.journal().entries()).filteredOn(e -> e.source().equals(HostConnectivity.SOURCE))
                .extracting(e -> e.name()).containsExactly("link.slow", "link.restored", "link.slow", "link.restored");
    }
    // ---- end chaos ----
}
