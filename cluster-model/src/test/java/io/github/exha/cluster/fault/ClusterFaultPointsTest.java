package io.github.exha.cluster.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.failover.ClusterGroup;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.MemberState;
import io.github.exha.cluster.membership.Partition;
import io.github.exha.core.kernel.FaultPlan;
import io.github.exha.core.kernel.FaultPoint;
import io.github.exha.core.kernel.FaultRule;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.storage.spi.AccessState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each cluster fault point, armed by a {@link FaultPlan}, has its effect on the four-node stretched cluster and heals. */
class ClusterFaultPointsTest {
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private static FaultLab lab(Duration outage) {
        return new FaultLab(11, FaultTimings.DEFAULT.withOutage(outage)).withTwoGroupsOnline();
    }

    private static void arm(FaultLab lab, String point) {
        lab.kernel.faultPoints().apply(FaultPlan.of(FaultRule.once(point)));
    }

    @Test
    void registersTheNetworkAndStoragePointsBesideTheMembershipOnes() {
        FaultLab lab = new FaultLab(1, FaultTimings.DEFAULT);
        assertThat(lab.kernel.faultPoints().registered()).extracting(FaultPoint::name).contains(
                ClusterMembership.NODE_CRASH_FAULT, ClusterMembership.WITNESS_OUTAGE_FAULT, ClusterFaultInjector.NIC_FAILURE,
                ClusterFaultInjector.SITE_PARTITION, ClusterFaultInjector.LUN_LOST);
    }

    @Test
    void nicFailureTakesTheNodesHeartbeatsOffThatNetworkAndItsClientAddressFailsOver() {
        FaultLab lab = lab(Duration.ofMinutes(3));
        lab.run(SETTLE);
        assertThat(lab.group("G1").ownerNode()).contains("NODE1");

        arm(lab, ClusterFaultInjector.NIC_FAILURE);
        // Consulted every 10 s; the first NIC of the first node is the first target.
        assertThat(lab.runUntil(() -> !lab.network().isNicUp("NODE1", "Public"), Duration.ofSeconds(10))).isTrue();
        Instant failed = lab.now();
        assertThat(fired(lab, ClusterFaultInjector.NIC_FAILURE)).containsExactly("NODE1/Public");
        assertThat(lab.faults.activeFaults()).singleElement().satisfies(fault -> {
            assertThat(fault.target()).isEqualTo("NODE1/Public");
            assertThat(fault.healsAt()).isEqualTo(failed.plus(Duration.ofMinutes(3)));
        });

        lab.run(Duration.ofSeconds(10));
        // Six missed heartbeats (7.2 s) on Public: every other node loses NODE1 there (1123) and the interface is
        // unreachable (1126); the Private network still carries its heartbeats, so NODE1 stays a member.
        assertThat(events(lab, 1123, "NODE1", "Public")).extracting(e -> e.attribute("loggedOn"))
                .containsExactlyInAnyOrder("NODE2", "NODE3", "NODE4");
        assertThat(events(lab, 1126, "NODE1", "Public")).hasSize(1);
        assertThat(events(lab, 1123, "NODE1", "Private")).isEmpty();
        assertThat(lab.membership().state("NODE1")).isEqualTo(MemberState.MEMBER);
        assertThat(lab.cluster().node("NODE1").state()).isEqualTo(NodeState.UP);

        // The IP Address on NODE1's Public NIC fails, its restarts fail, and the group fails over to NODE2.
        assertThat(lab.runUntil(() -> onlineOn(lab.group("G1"), "NODE2"), Duration.ofMinutes(2))).isTrue();
        assertThat(lab.journal()).anySatisfy(e -> {
            assertThat(e.attribute(JournalEntry.EVENT_ID)).isEqualTo("1069");
            assertThat(e.attribute("resource")).isEqualTo("G1 IP");
        });

        // After the drawn outage the NIC is back and NODE1's heartbeats are heard on Public again (1122).
        assertThat(lab.runUntil(() -> lab.network().isNicUp("NODE1", "Public"), Duration.ofMinutes(3))).isTrue();
        assertThat(lab.now()).isEqualTo(failed.plus(Duration.ofMinutes(3)));
        lab.run(Duration.ofSeconds(5));
        assertThat(healed(lab, ClusterFaultInjector.NIC_FAILURE)).containsExactly("NODE1/Public");
        assertThat(events(lab, 1122, "NODE1", "Public")).isNotEmpty();
        assertThat(lab.faults.activeFaults()).isEmpty();
        assertThat(lab.membership().quorumPartition()).map(Partition::nodes).contains(FaultLab.NODES);
    }

    @Test
    void sitePartitionLeavesQuorumWithTheSideThatReachesTheWitness() {
        FaultLab lab = lab(Duration.ofMinutes(4));
        lab.run(SETTLE);
        assertThat(lab.membership().witnessOwner()).contains("NODE1");
        assertThat(lab.group("G2").ownerNode()).contains("NODE3");

        arm(lab, ClusterFaultInjector.SITE_PARTITION);
        assertThat(lab.runUntil(() -> lab.network().isPartitioned("Production", "Recovery"), Duration.ofSeconds(10))).isTrue();
        assertThat(fired(lab, ClusterFaultInjector.SITE_PARTITION)).containsExactly("Production|Recovery");

        // Production keeps NODE1's witness vote: 3 of 5. Recovery's two nodes stop and G2 comes to Production.
        assertThat(lab.runUntil(() -> onlineOnAnyOf(lab.group("G2"), "NODE1", "NODE2"), Duration.ofMinutes(2))).isTrue();
        assertThat(lab.membership().quorumPartition()).hasValueSatisfying(p -> {
            assertThat(p.nodes()).containsExactly("NODE1", "NODE2");
            assertThat(p.witnessVote()).isTrue();
        });
        for (String node : List.of("NODE3", "NODE4")) {
            assertThat(lab.membership().state(node)).isEqualTo(MemberState.STOPPED);
            assertThat(lab.cluster().node(node).state()).isEqualTo(NodeState.DOWN);
        }
        assertThat(onlineOn(lab.group("G1"), "NODE1")).isTrue();

        // The WAN heals after the drawn outage; Recovery's nodes join again.
        assertThat(lab.runUntil(() -> !lab.network().isPartitioned("Production", "Recovery"), Duration.ofMinutes(4))).isTrue();
        lab.run(SETTLE);
        assertThat(healed(lab, ClusterFaultInjector.SITE_PARTITION)).containsExactly("Production|Recovery");
        assertThat(lab.membership().quorumPartition()).map(Partition::nodes).contains(FaultLab.NODES);
    }

    @Test
    void sitePartitionLeavesQuorumWithRecoveryWhenOnlyRecoveryReachesTheWitness() {
        FaultLab lab = lab(Duration.ofMinutes(4));
        lab.run(SETTLE);
        // Production loses the witness site first: the witness passes to the lowest-named node still reaching it.
        lab.network().cutBetweenSites("Production", "Witness");
        assertThat(lab.runUntil(() -> lab.membership().witnessOwner().equals(Optional.of("NODE3")), Duration.ofSeconds(5))).isTrue();

        arm(lab, ClusterFaultInjector.SITE_PARTITION);
        assertThat(lab.runUntil(() -> lab.network().isPartitioned("Production", "Recovery"), Duration.ofSeconds(10))).isTrue();
        assertThat(fired(lab, ClusterFaultInjector.SITE_PARTITION)).containsExactly("Production|Recovery");

        assertThat(lab.runUntil(() -> onlineOnAnyOf(lab.group("G1"), "NODE3", "NODE4"), Duration.ofMinutes(2))).isTrue();
        assertThat(lab.membership().quorumPartition()).hasValueSatisfying(p -> {
            assertThat(p.nodes()).containsExactly("NODE3", "NODE4");
            assertThat(p.witnessVote()).isTrue();
        });
        assertThat(lab.membership().partitions()).filteredOn(p -> p.nodes().contains("NODE1"))
                .singleElement().satisfies(p -> assertThat(p.hasQuorum()).isFalse());
        // Production's nodes shut their cluster service down: 1177.
        assertThat(lab.journal()).filteredOn(e -> "1177".equals(e.attribute(JournalEntry.EVENT_ID)))
                .extracting(e -> e.attribute("node")).contains("NODE1", "NODE2");
    }

    @Test
    void lunLostFailsThePhysicalDiskTakesItsDependentsOfflineAndTheGroupFailsOverUntilItIsLeftFailed() {
        FaultLab lab = lab(Duration.ofMinutes(10));
        lab.run(SETTLE);
        FailoverCluster cluster = lab.cluster();
        assertThat(onlineOn(lab.group("G1"), "NODE1")).isTrue();

        arm(lab, ClusterFaultInjector.LUN_LOST);
        assertThat(lab.runUntil(() -> lab.array().lun("DATA1").accessState() == AccessState.NOT_READY, Duration.ofSeconds(10))).isTrue();
        long lost = lab.journal().size();
        assertThat(fired(lab, ClusterFaultInjector.LUN_LOST)).containsExactly("SAN-MAIN/DATA1");

        // LooksAlive (every 5 s) notices; the service that depends on the disk is taken offline with it.
        assertThat(lab.runUntil(() -> cluster.resource("G1 Disk").state() == ResourceState.FAILED, Duration.ofSeconds(6))).isTrue();
        assertThat(cluster.resource("G1 Svc").state()).isEqualTo(ResourceState.OFFLINE);
        assertThat(lab.journal().subList((int) lost, lab.journal().size())).anySatisfy(e -> {
            assertThat(e.attribute(JournalEntry.EVENT_ID)).isEqualTo("1069");
            assertThat(e.attribute("resource")).isEqualTo("G1 Disk");
        });

        // Restarts fail (the LUN is not ready on any node), the group fails over three times (nodes - 1) and is
        // left failed. G2, on DATA2, is untouched.
        assertThat(lab.runUntil(() -> lab.group("G1").state() == GroupState.FAILED && !lab.group("G1").isMoving()
                && cluster.placements().stream().noneMatch(p -> p.group().equals("G1")), Duration.ofMinutes(5))).isTrue();
        assertThat(lab.journal()).filteredOn(e -> "1153".equals(e.attribute(JournalEntry.EVENT_ID)))
                .extracting(e -> e.attribute("group")).containsExactly("G1", "G1", "G1");
        assertThat(lab.journal()).anySatisfy(e -> {
            assertThat(e.attribute(JournalEntry.EVENT_ID)).isEqualTo("1205");
            assertThat(e.attribute("group")).isEqualTo("G1");
        });
        assertThat(onlineOn(lab.group("G2"), "NODE3")).isTrue();

        // The LUN is back after the outage; the administrator brings the group online again.
        assertThat(lab.runUntil(() -> lab.array().lun("DATA1").accessState() == AccessState.READ_WRITE, Duration.ofMinutes(10))).isTrue();
        assertThat(healed(lab, ClusterFaultInjector.LUN_LOST)).containsExactly("SAN-MAIN/DATA1");
        lab.kernel.operations().await(cluster.onlineGroup("G1"));
        assertThat(lab.group("G1").state()).isEqualTo(GroupState.ONLINE);
    }

    @Test
    void nodeCrashPointMovesTheCrashedNodesGroups() {
        FaultLab lab = lab(Duration.ofMinutes(1));
        lab.run(SETTLE);
        arm(lab, ClusterMembership.NODE_CRASH_FAULT);
        assertThat(lab.runUntil(() -> !lab.membership().isHostUp("NODE1"), Duration.ofSeconds(2))).isTrue();
        assertThat(fired(lab, ClusterMembership.NODE_CRASH_FAULT)).containsExactly("NODE1");
        assertThat(lab.runUntil(() -> onlineOn(lab.group("G1"), "NODE2"), Duration.ofSeconds(60))).isTrue();
        assertThat(lab.cluster().node("NODE1").state()).isEqualTo(NodeState.DOWN);
    }

    @Test
    void witnessOutagePointLeavesNoQuorumWhenTheSitesThenSplitEvenly() {
        FaultLab lab = lab(Duration.ofMinutes(1));
        lab.run(SETTLE);
        arm(lab, ClusterMembership.WITNESS_OUTAGE_FAULT);
        lab.run(Duration.ofSeconds(5));
        assertThat(fired(lab, ClusterMembership.WITNESS_OUTAGE_FAULT)).containsExactly("\\\\HUB1\\FSW_STRETCHCL");
        // Four node votes of five still make quorum.
        assertThat(lab.membership().quorumPartition()).map(Partition::nodes).contains(FaultLab.NODES);

        lab.network().cutBetweenSites("Production", "Recovery");
        lab.run(SETTLE);
        // Two votes on each side, no witness: neither side has quorum, every node stops, nothing runs.
        assertThat(lab.membership().quorumPartition()).isEmpty();
        assertThat(lab.cluster().placements()).isEmpty();
        assertThat(lab.cluster().nodes()).allSatisfy(n -> assertThat(n.state()).isEqualTo(NodeState.DOWN));

        // The witness returns: the lowest-named node reaching it forms the cluster with its site.
        lab.membership().witnessRestored();
        assertThat(lab.runUntil(() -> onlineOnAnyOf(lab.group("G1"), "NODE1", "NODE2"), Duration.ofMinutes(2))).isTrue();
        assertThat(lab.membership().quorumPartition()).map(Partition::nodes).contains(List.of("NODE1", "NODE2"));
    }

    @Test
    void anUnarmedInjectorChangesNothingInTheJournal() {
        FaultLab with = new FaultLab(5, FaultTimings.DEFAULT).withTwoGroupsOnline();
        FaultLab without = FaultLab.withoutInjector(5).withTwoGroupsOnline();
        for (FaultLab lab : List.of(with, without)) {
            lab.run(Duration.ofMinutes(2));
            lab.host("NODE1").crash();
            lab.run(Duration.ofMinutes(10));
        }
        assertThat(with.kernel.journal().digest()).isEqualTo(without.kernel.journal().digest());
        assertThat(with.journal()).noneMatch(e -> e.type() == JournalEntry.Type.FAULT);
    }

    @Test
    void healAllUndoesEveryFaultInEffectAtOnce() {
        FaultLab lab = lab(Duration.ofHours(1));
        lab.kernel.faultPoints().apply(FaultPlan.of(new FaultRule(ClusterFaultInjector.NIC_FAILURE, 1.0, 2),
                FaultRule.once(ClusterFaultInjector.SITE_PARTITION), FaultRule.once(ClusterFaultInjector.LUN_LOST)));
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.faults.activeFaults()).extracting(f -> f.point() + " " + f.target()).containsExactly(
                ClusterFaultInjector.NIC_FAILURE + " NODE1/Heartbeat",
                ClusterFaultInjector.NIC_FAILURE + " NODE1/Public",
                ClusterFaultInjector.SITE_PARTITION + " Production|Recovery",
                ClusterFaultInjector.LUN_LOST + " SAN-MAIN/DATA1");

        lab.faults.healAll();
        assertThat(lab.faults.activeFaults()).isEmpty();
        assertThat(lab.network().isNicUp("NODE1", "Public")).isTrue();
        assertThat(lab.network().isNicUp("NODE1", "Heartbeat")).isTrue();
        assertThat(lab.network().isPartitioned("Production", "Recovery")).isFalse();
        assertThat(lab.array().lun("DATA1").accessState()).isEqualTo(AccessState.READ_WRITE);
        assertThat(healed(lab, ClusterFaultInjector.NIC_FAILURE)).containsExactly("NODE1/Heartbeat", "NODE1/Public");
        // Nothing is healed twice when the original heal times come.
        lab.run(Duration.ofHours(2));
        assertThat(lab.journal()).filteredOn(e -> e.name().equals(ClusterFaultInjector.HEALED)).hasSize(4);
    }

    @Test
    void aLostLunHealsOnlyWhatTheFaultChanged() {
        FaultLab lab = lab(Duration.ofMinutes(1));
        arm(lab, ClusterFaultInjector.LUN_LOST);
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.array().lun("DATA1").accessState()).isEqualTo(AccessState.NOT_READY);
        // The array administrator makes the LUN read-only meanwhile: the heal leaves that alone.
        lab.array().setAccessState("DATA1", AccessState.READ_ONLY);
        lab.run(Duration.ofMinutes(2));
        assertThat(lab.array().lun("DATA1").accessState()).isEqualTo(AccessState.READ_ONLY);
        assertThat(healed(lab, ClusterFaultInjector.LUN_LOST)).containsExactly("SAN-MAIN/DATA1");
    }

    @Test
    void aLostLunOnAnArrayThatIsPoweredOffHealsOnceTheArrayIsBack() {
        FaultLab lab = lab(Duration.ofMinutes(1));
        arm(lab, ClusterFaultInjector.LUN_LOST);
        lab.run(Duration.ofSeconds(10));
        lab.array().powerOff();
        lab.run(Duration.ofMinutes(3));
        assertThat(lab.faults.activeFaults()).extracting(ActiveFault::target).containsExactly("SAN-MAIN/DATA1");
        assertThat(healed(lab, ClusterFaultInjector.LUN_LOST)).isEmpty();

        lab.array().powerOn();
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.faults.activeFaults()).isEmpty();
        assertThat(lab.array().lun("DATA1").accessState()).isEqualTo(AccessState.READ_WRITE);
    }

    @Test
    void outagesAreDrawnWithinTheTimingsFromTheirOwnStream() {
        FaultTimings timings = new FaultTimings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5));
        FaultLab lab = new FaultLab(3, timings).withTwoGroupsOnline();
        lab.kernel.faultPoints().apply(FaultPlan.of(FaultRule.always(ClusterFaultInjector.NIC_FAILURE)));
        lab.run(Duration.ofMinutes(30));
        List<JournalEntry> injected = lab.journal().stream().filter(e -> e.name().equals(ClusterFaultInjector.INJECTED)).toList();
        assertThat(injected).hasSizeGreaterThan(10);
        assertThat(injected).extracting(e -> Duration.parse(e.attribute("outage")))
                .allSatisfy(d -> assertThat(d).isBetween(timings.minOutage(), timings.maxOutage()))
                .doesNotHaveDuplicates();
        assertThatThrownBy(() -> new FaultTimings(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultTimings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("shorter");
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> fired(FaultLab lab, String point) {
        return lab.journal().stream().filter(e -> e.type() == JournalEntry.Type.FAULT && e.source().equals(point)
                && e.name().equals(FaultPoint.FIRED)).map(e -> e.attribute("detail")).toList();
    }

    private static List<String> healed(FaultLab lab, String point) {
        return lab.journal().stream().filter(e -> e.type() == JournalEntry.Type.FAULT && e.source().equals(point)
                && e.name().equals(ClusterFaultInjector.HEALED)).map(e -> e.attribute("target")).toList();
    }

    private static List<JournalEntry> events(FaultLab lab, int eventId, String node, String network) {
        return lab.journal().stream().filter(e -> e.type() == JournalEntry.Type.EVENT_LOG
                && String.valueOf(eventId).equals(e.attribute(JournalEntry.EVENT_ID)) && node.equals(e.attribute("node"))
                && network.equals(e.attribute("network"))).toList();
    }

    private static boolean onlineOn(ClusterGroup group, String node) {
        return group.state() == GroupState.ONLINE && group.ownerNode().equals(Optional.of(node));
    }

    private static boolean onlineOnAnyOf(ClusterGroup group, String... nodes) {
        return group.state() == GroupState.ONLINE && group.ownerNode().map(Set.of(nodes)::contains).orElse(false);
    }
}
