package io.github.exha.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpiValuesTest {
    @Test
    void hostAcceptsSameMajorAndOlderOrEqualMinor() {
        SpiVersion host = new SpiVersion(1, 2);
        assertThat(host.accepts(new SpiVersion(1, 0))).isTrue();
        assertThat(host.accepts(new SpiVersion(1, 2))).isTrue();
        assertThat(host.accepts(new SpiVersion(1, 3))).isFalse();
        assertThat(host.accepts(new SpiVersion(2, 0))).isFalse();
        assertThat(host.accepts(new SpiVersion(0, 9))).isFalse();
    }

    @Test
    void pluginBuiltForAnotherSpiIsRefusedWithBothVersionsNamed() {
        StorageProvider future = new StorageProvider() {
            @Override
            public String vendorId() {
                return "future";
            }

            @Override
            public String displayName() {
                return "Future array";
            }

            @Override
            public SpiVersion spiVersion() {
                return new SpiVersion(SpiVersion.CURRENT.major() + 1, 0);
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public StorageArray createArray(ArraySpec spec, StorageContext context) {
                throw new UnsupportedOperationException("never called");
            }
        };
        assertThatThrownBy(() -> StorageProviders.check(future))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.code()).isEqualTo(StorageErrorCode.INCOMPATIBLE_SPI_VERSION))
                .hasMessageContaining("'future'").hasMessageContaining("built for storage SPI 2.0")
                .hasMessageContaining("provides SPI " + SpiVersion.CURRENT);
    }

    @Test
    void unknownVendorListsThePluginsPresent() {
        assertThatThrownBy(() -> StorageProviders.find(getClass().getClassLoader(), "nope"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.code()).isEqualTo(StorageErrorCode.NOT_FOUND))
                .hasMessageContaining("'nope'");
    }

    @Test
    void specsRefuseBadValues() {
        assertThatThrownBy(() -> LunSpec.of("L", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LunSpec.of("L", -512)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LunSpec.of("L", 1000)).hasMessageContaining("multiple of 512");
        assertThatThrownBy(() -> new LunSpec("L", 4096, 1000)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> LunSpec.of(" ", 4096)).hasMessageContaining("blank");
        assertThatThrownBy(() -> ArraySpec.of("A", "S", "1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostSpec("H", List.of())).hasMessageContaining("initiator");
        assertThatThrownBy(() -> new LinkSpec("L", Duration.ofMillis(-1), 1)).hasMessageContaining("latency");
        assertThatThrownBy(() -> new LinkSpec("L", Duration.ZERO, 0)).hasMessageContaining("bandwidth");
    }

    @Test
    void recoveryPointIsTheAgeOfTheOldestPendingWrite() {
        Instant now = Instant.parse("2008-03-01T00:00:10Z");
        ReplicationStatus lagging = new ReplicationStatus("CG1", ReplicationMode.ASYNC, ReplicationState.IN_SYNC, "A",
                "B", List.of(), 3, 3 * 65536, Optional.of(now.minusSeconds(4)), 1.0, LinkState.UP, now);
        assertThat(lagging.recoveryPointObjective()).isEqualTo(Duration.ofSeconds(4));
        ReplicationStatus caughtUp = new ReplicationStatus("CG1", ReplicationMode.SYNC, ReplicationState.IN_SYNC, "A",
                "B", List.of(), 0, 0, Optional.empty(), 1.0, LinkState.UP, now);
        assertThat(caughtUp.recoveryPointObjective()).isZero();
    }

    @Test
    void eventDetailsAreSortedAndCopied() {
        StorageEvent e = new StorageEvent(Instant.EPOCH, StorageEvent.Type.LINK_STATE_CHANGED, "A", "L1",
                Map.of("to", "DOWN", "from", "UP"));
        assertThat(e.details().keySet()).containsExactly("from", "to");
    }
}
