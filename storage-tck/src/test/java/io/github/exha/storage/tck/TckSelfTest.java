package io.github.exha.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.tck.plugins.EarlySyncAcknowledgement;
import io.github.exha.storage.tck.plugins.HalfDoneLunDeletion;
import io.github.exha.storage.tck.plugins.ReadOnlyWritesDropped;
import io.github.exha.storage.tck.plugins.ReorderedAsyncShipping;
import io.github.exha.storage.tck.plugins.ResyncIgnoresDirection;
import io.github.exha.storage.tck.plugins.RuntimeSpiVersion;
import io.github.exha.storage.tck.plugins.SyncOnlyPlugin;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/**
 * The TCK proves itself: {@code sim} passes every rule with nothing skipped, and each deliberately broken plugin fails
 * the rule it breaks while passing (nearly) all the others. The contract subclasses below are run only through the
 * JUnit Platform test kit (Surefire skips nested classes).
 */
class TckSelfTest {
    /** Rules 2.x against a plugin whose refused LUN deletion hides the LUN anyway. */
    static final class HalfDoneDeletionArray extends ArrayContract {
        @Override
        protected StorageProvider provider() {
            return new HalfDoneLunDeletion(SimPlugin.provider());
        }
    }

    /** Rules 3.x against a plugin that drops writes to READ_ONLY LUNs instead of refusing them. */
    static final class ReadOnlyDroppedBlockDevice extends BlockDeviceContract {
        @Override
        protected StorageProvider provider() {
            return new ReadOnlyWritesDropped(SimPlugin.provider());
        }
    }

    /** Rules 4.x against a plugin that acknowledges SYNC writes before the target has them. */
    static final class EarlyAckReplication extends ReplicationContract {
        @Override
        protected StorageProvider provider() {
            return new EarlySyncAcknowledgement(SimPlugin.provider());
        }
    }

    /** Rules 4.x against a plugin that reorders ASYNC writes across a consistency group. */
    static final class ReorderedReplication extends ReplicationContract {
        @Override
        protected StorageProvider provider() {
            return new ReorderedAsyncShipping(SimPlugin.provider());
        }
    }

    /** Rules 4.x against a plugin whose resync ignores the direction. */
    static final class WrongResyncReplication extends ReplicationContract {
        @Override
        protected StorageProvider provider() {
            return new ResyncIgnoresDirection(SimPlugin.provider());
        }
    }

    /** Rules 4.x against a plugin that drops writes to READ_ONLY LUNs instead of refusing them. */
    static final class ReadOnlyDroppedReplication extends ReplicationContract {
        @Override
        protected StorageProvider provider() {
            return new ReadOnlyWritesDropped(SimPlugin.provider());
        }
    }

    /** Rules 4.x against a correct plugin that claims only SYNC replication. */
    static final class SyncOnlyReplication extends ReplicationContract {
        @Override
        protected StorageProvider provider() {
            return new SyncOnlyPlugin(SimPlugin.provider());
        }
    }

    /** Rules 1.x against a plugin that reports the runtime's SPI version rather than the one it was built for. */
    static final class RuntimeSpiProvider extends ProviderContract {
        @Override
        protected StorageProvider provider() {
            return new RuntimeSpiVersion(SimPlugin.provider());
        }
    }

    @Test
    void aPluginReportingTheRuntimeSpiVersionIsCaughtByRule1_2() {
        assertCaught(RuntimeSpiProvider.class, "r1_2_spiVersionIsAcceptedByTheCurrentSpi");
    }

    @Test
    void rulesOfUnclaimedCapabilitiesAreSkippedNotFailed() {
        Events tests = run(SyncOnlyReplication.class);
        assertThat(failedMethods(tests)).as("rules a correct SYNC-only plugin fails").isEmpty();
        Set<String> skipped = new TreeSet<>();
        methods(tests, TestExecutionResult.Status.ABORTED)
                .forEach(m -> skipped.add(m.replaceFirst("^r(\\d+)_(\\d+)_.*", "$1.$2")));
        assertThat(skipped).as("rules skipped (aborted by an assumption)").containsExactlyInAnyOrder("4.8", "4.9", "4.16", "4.17", "4.18", "4.19", "4.20", "4.21",
                "4.22", "4.23");
    }

    @Test
    void simPassesEveryRuleWithNothingSkipped() {
        Events tests = run(SimCertificationTest.class);
        long rules = StorageTck.CONTRACTS.stream().flatMap(c -> Arrays.stream(c.getMethods()))
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        assertThat(failedMethods(tests)).as("rules sim fails").isEmpty();
        assertThat(methods(tests, TestExecutionResult.Status.ABORTED)).as("rules skipped for sim, which claims every"
                + " capability").isEmpty();
        assertThat(tests.skipped().count()).as("rules disabled").isZero();
        assertThat(tests.succeeded().count()).as("rules passed").isEqualTo(rules);
    }

    @Test
    void everyRuleNamesItsIdInTheMethodAndTheDisplayName() {
        for (Class<?> contract : StorageTck.CONTRACTS) {
            for (Method method : contract.getMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    String id = method.getName().replaceFirst("^r(\\d+)_(\\d+)_.*", "$1.$2");
                    assertThat(method.getName()).matches("r\\d+_\\d+_[a-z][A-Za-z0-9]+");
                    assertThat(method.getAnnotation(org.junit.jupiter.api.DisplayName.class).value())
                            .startsWith(id + " ");
                }
            }
        }
    }

    @Test
    void syncAcknowledgedBeforeTheRemoteWriteIsCaughtByRule4_7() {
        assertCaught(EarlyAckReplication.class, "r4_7_syncWriteIsAcknowledgedOnlyAfterTheTargetHasIt");
    }

    @Test
    void asyncWritesReorderedAcrossTheGroupAreCaughtByRule4_9() {
        assertCaught(ReorderedReplication.class,
                "r4_9_asyncTargetAlwaysHoldsAPrefixOfTheWriteOrderAcrossTheGroup");
    }

    @Test
    void resyncIgnoringItsDirectionIsCaughtByRule4_22() {
        assertCaught(WrongResyncReplication.class, "r4_22_resyncTargetToSourceKeepsTargetSideWrites");
    }

    @Test
    void aSucceedingWriteToAReadOnlyLunIsCaughtByRules3_8And4_6() {
        assertCaught(ReadOnlyDroppedBlockDevice.class, "r3_8_writeToReadOnlyLunIsRefusedWithReadOnly");
        assertCaught(ReadOnlyDroppedReplication.class, "r4_6_enableCopiesAndReachesInSyncWithIdenticalData");
    }

    @Test
    void aFailedDeletionThatHidesTheLunIsCaughtByRule2_11() {
        assertCaught(HalfDoneDeletionArray.class, "r2_11_deletingAPresentedLunIsRefusedWithLunInUse");
    }

    /**
     * The broken plugin fails {@code rule}; every other rule it fails is printed, and at most four may fail (a broken acknowledgement
     * shows in several SYNC rules): a TCK
     * that failed everything would prove nothing about the rule.
     */
    private static void assertCaught(Class<?> contract, String rule) {
        Events tests = run(contract);
        Set<String> failed = failedMethods(tests);
        System.out.println(contract.getSimpleName() + " fails " + failed);
        assertThat(failed).as("rules failed by " + contract.getSimpleName()).contains(rule);
        assertThat(failed).as("collateral failures of " + contract.getSimpleName()).hasSizeLessThanOrEqualTo(4);
        assertThat(tests.succeeded().count()).as("rules passed by " + contract.getSimpleName())
                .isGreaterThanOrEqualTo(tests.started().count() - 4);
    }

    private static Events run(Class<?> contract) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
    }

    private static Set<String> failedMethods(Events tests) {
        return methods(tests, TestExecutionResult.Status.FAILED);
    }

    /** The test methods that finished with {@code status}; an assumption that fails makes a test ABORTED. */
    private static Set<String> methods(Events tests, TestExecutionResult.Status status) {
        Set<String> names = new TreeSet<>();
        for (Event event : tests.list()) {
            if (event.getType() == EventType.FINISHED && event.getPayload(TestExecutionResult.class)
                    .map(r -> r.getStatus() == status).orElse(false)) {
                event.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getMethodName()).ifPresent(names::add);
            }
        }
        return names;
    }
}
