package io.github.exha.cluster.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupStateTest {

    @Test
    void derivationFollowsDomainRules() {
        assertThat(GroupState.derive(List.of())).isEqualTo(GroupState.OFFLINE);
        assertThat(GroupState.derive(List.of(ResourceState.ONLINE, ResourceState.ONLINE))).isEqualTo(GroupState.ONLINE);
        assertThat(GroupState.derive(List.of(ResourceState.OFFLINE, ResourceState.OFFLINE))).isEqualTo(GroupState.OFFLINE);
        assertThat(GroupState.derive(List.of(ResourceState.ONLINE, ResourceState.OFFLINE))).isEqualTo(GroupState.PARTIAL_ONLINE);
        assertThat(GroupState.derive(List.of(ResourceState.ONLINE, ResourceState.ONLINE_PENDING))).isEqualTo(GroupState.PENDING);
        assertThat(GroupState.derive(List.of(ResourceState.OFFLINE_PENDING, ResourceState.FAILED))).isEqualTo(GroupState.FAILED);
        assertThat(GroupState.derive(List.of(ResourceState.ONLINE, ResourceState.FAILED))).isEqualTo(GroupState.FAILED);
    }

    @Test
    void pendingStatesAreVisibleWhileTheTypeWorks() {
        Lab lab = Lab.of("N1");
        lab.app.onlineTime = Duration.ofSeconds(10);
        lab.chain("G", "A");
        lab.cluster.createResource("G", "B", "App");
        Operation<Void> online = lab.cluster.onlineResource("A");
        lab.run(Duration.ofSeconds(5));
        assertThat(lab.state("A")).isEqualTo(ResourceState.ONLINE_PENDING);
        assertThat(lab.groupState("G")).isEqualTo(GroupState.PENDING);
        lab.await(online);
        assertThat(lab.groupState("G")).isEqualTo(GroupState.PARTIAL_ONLINE);
        assertThat(lab.kernel.clock().instant()).isEqualTo(Lab.START.plusSeconds(10));
        lab.cluster.offlineResource("A");
        lab.run(Duration.ofMillis(500));
        assertThat(lab.state("A")).isEqualTo(ResourceState.OFFLINE_PENDING);
        lab.run(Duration.ofSeconds(1));
        assertThat(lab.groupState("G")).isEqualTo(GroupState.OFFLINE);
        assertThat(lab.kernel.journal().entries()).filteredOn(e -> "group.state".equals(e.name()))
                .extracting(e -> e.attribute("to"))
                .containsExactly("Offline", "Pending", "PartialOnline", "Pending", "Offline");
    }

    @Test
    void aResourceStuckPendingFailsAtThePendingTimeout() {
        Lab lab = Lab.of("N1");
        lab.chain("G", "A");
        lab.cluster.setResourcePolicy("A", ResourcePolicy.DEFAULT.withRestartAction(RestartAction.DONT_RESTART));
        lab.app.hangOnline.add("A");
        Operation<Void> online = lab.cluster.onlineResource("A");
        lab.run(Duration.ofMinutes(3).minusSeconds(1));
        assertThat(lab.state("A")).isEqualTo(ResourceState.ONLINE_PENDING);
        lab.run(Duration.ofSeconds(1));
        assertThat(lab.state("A")).isEqualTo(ResourceState.FAILED);
        assertThat(online.isFailed()).isTrue();
        assertThat(online.failure().orElseThrow().getMessage()).contains("pending timeout");
    }
}
