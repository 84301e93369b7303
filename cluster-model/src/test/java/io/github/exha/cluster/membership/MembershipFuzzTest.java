package io.github.exha.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.NodeState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sequences of partitions, heals, crashes, restarts and witness loss. At every journal entry at most
 * one partition holds quorum and no node outside it is up in the failover engine; after everything heals, every
 * node is a member again. Override the base seed with {@code -Dexha.fuzz.seed=N}.
 */
class MembershipFuzzTest {
    private static final int SEQUENCES = 500;
    private static final int STEPS = 25;

    @Test
    void quorumIsNeverSplitAndEveryoneRejoinsAfterHealing() {
        long base = Long.getLong("exha.fuzz.seed", 20080301L);
        System.out.println("MembershipFuzzTest base seed " + base + " (override with -Dexha.fuzz.seed)");
        for (int i = 0; i < SEQUENCES; i++) {
            long seed = base + i;
            try {
                runSequence(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("membership fuzz sequence failed; reproduce with -Dexha.fuzz.seed=" + seed
                        + " (first sequence): " + e.getMessage(), e);
            }
        }
    }

    private static void runSequence(long seed) {
        RandomGenerator random = io.github.exha.core.kernel.Kernel.create("fuzz-setup", seed, QuorumLab.START).streams().stream("setup");
        ClusterVersion version = random.nextBoolean() ? ClusterVersion.WINDOWS_2003 : ClusterVersion.WINDOWS_2008;
        List<QuorumModel> models = List.of(QuorumModel.values()).stream().filter(m -> m.version() == version).toList();
        QuorumModel model = models.get(random.nextInt(models.size()));
        Witness witness = switch (model.witness()) {
            case NONE -> null;
            case FILE_SHARE -> QuorumLab.FSW;
            case DISK -> QuorumLab.QUORUM_DISK;
        };
        int count = 2 + random.nextInt(3);
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            names.add("N" + n);
        }
        QuorumLab lab = new QuorumLab(seed, version, QuorumConfiguration.of(model, witness), names.toArray(String[]::new)).start();
        lab.onlineGroup("G");
        for (int step = 0; step < STEPS; step++) {
            String a = names.get(random.nextInt(count));
            String b = names.get(random.nextInt(count));
            switch (random.nextInt(9)) {
                case 0 -> lab.lan.cut(a, b);
                case 1 -> lab.lan.heal(a, b);
                case 2 -> {
                    List<String> side = names.stream().filter(n -> random.nextBoolean()).toList();
                    lab.lan.split(side, names);
                }
                case 3 -> lab.lan.healAll();
                case 4 -> lab.membership.crash(a);
                case 5 -> {
                    if (!lab.membership.isHostUp(a)) {
                        lab.membership.restart(a);
                    }
                }
                case 6 -> lab.membership.witnessUnavailable();
                case 7 -> lab.membership.witnessRestored();
                default -> {
                    if (random.nextBoolean()) {
                        lab.lan.blockWitness(a);
                    } else {
                        lab.lan.unblockWitness(a);
                    }
                }
            }
            lab.run(Duration.ofMillis(200 + random.nextInt(15_000)));
            assertThat(lab.violations).as("seed %d step %d", seed, step).isEmpty();
        }
        lab.lan.healAll();
        lab.membership.witnessRestored();
        for (String node : names) {
            if (!lab.membership.isHostUp(node)) {
                lab.membership.restart(node);
            }
        }
        lab.run(Duration.ofSeconds(30));
        assertThat(lab.violations).as("seed %d", seed).isEmpty();
        for (String node : names) {
            assertThat(lab.membership.state(node)).as("seed %d %s after healing (%s)", seed, node, model).isEqualTo(MemberState.MEMBER);
            assertThat(lab.engineState(node)).as("seed %d %s", seed, node).isEqualTo(NodeState.UP);
        }
    }
}
