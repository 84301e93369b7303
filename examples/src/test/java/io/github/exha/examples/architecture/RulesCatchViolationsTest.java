package io.github.exha.examples.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.exha.archfixtures.cycles.violating.cluster.ClusterNode;
import io.github.exha.archfixtures.cycles.violating.core.journal.Journal;
import io.github.exha.archfixtures.cycles.violating.core.topology.Topology;
import io.github.exha.archfixtures.cycles.violating.exchange.ExchangeServer;
import io.github.exha.archfixtures.cycles.violating.upgrade.Workflow;
import io.github.exha.archfixtures.cycles.violating.upgrade.step.SetupStep;
import io.github.exha.archfixtures.determinism.violating.core.kernelutil.KernelLookalikeStopwatch;
import io.github.exha.archfixtures.determinism.violating.core.randomness.AmbientShuffle;
import io.github.exha.archfixtures.determinism.violating.core.randomness.DefaultRandomGenerator;
import io.github.exha.archfixtures.determinism.violating.core.randomness.JitteredRandom;
import io.github.exha.archfixtures.determinism.violating.core.randomness.MathRandomDraw;
import io.github.exha.archfixtures.determinism.violating.core.randomness.NamedRandomGenerator;
import io.github.exha.archfixtures.determinism.violating.core.randomness.NamedSplittableGenerator;
import io.github.exha.archfixtures.determinism.violating.core.randomness.NewRandomDraw;
import io.github.exha.archfixtures.determinism.violating.core.randomness.NewSecureRandomDraw;
import io.github.exha.archfixtures.determinism.violating.core.randomness.NewSplittableRandomDraw;
import io.github.exha.archfixtures.determinism.violating.core.randomness.RandomConstructorReference;
import io.github.exha.archfixtures.determinism.violating.core.randomness.RandomGeneratorFactoryUser;
import io.github.exha.archfixtures.determinism.violating.core.randomness.RandomUuid;
import io.github.exha.archfixtures.determinism.violating.core.randomness.SecureRandomInstance;
import io.github.exha.archfixtures.determinism.violating.core.randomness.SeededRandomDraw;
import io.github.exha.archfixtures.determinism.violating.core.randomness.StrictMathRandomDraw;
import io.github.exha.archfixtures.determinism.violating.core.randomness.ThreadLocalRandomDraw;
import io.github.exha.archfixtures.determinism.violating.core.sleeping.MonitorWaiter;
import io.github.exha.archfixtures.determinism.violating.core.sleeping.SelfWaiter;
import io.github.exha.archfixtures.determinism.violating.core.sleeping.ThreadSleeper;
import io.github.exha.archfixtures.determinism.violating.core.sleeping.TimeUnitSleeper;
import io.github.exha.archfixtures.determinism.violating.core.threads.AsyncCompletableFuture;
import io.github.exha.archfixtures.determinism.violating.core.threads.ExecutorServiceHolder;
import io.github.exha.archfixtures.determinism.violating.core.threads.ExecutorsUser;
import io.github.exha.archfixtures.determinism.violating.core.threads.ForkJoinPoolUser;
import io.github.exha.archfixtures.determinism.violating.core.threads.HeartbeatThread;
import io.github.exha.archfixtures.determinism.violating.core.threads.NewThreadRunner;
import io.github.exha.archfixtures.determinism.violating.core.threads.ParallelStreamUser;
import io.github.exha.archfixtures.determinism.violating.core.threads.ThreadStarter;
import io.github.exha.archfixtures.determinism.violating.core.threads.TimerUser;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.CalendarTimestamp;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.ChronologyDateNow;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.CurrentTimeMillisStopwatch;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.InstantNowTimestamp;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.NanoTimeReference;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.NanoTimeStopwatch;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.NewDateTimestamp;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.OffsetClock;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.SystemInstantSource;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.SystemUtcClock;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.TickingClock;
import io.github.exha.archfixtures.determinism.violating.core.wallclock.ZonedNowTimestamp;
import io.github.exha.archfixtures.guice.violating.cluster.ClusterModules;
import io.github.exha.archfixtures.guice.violating.cluster.GuiceInjectedFailoverPolicy;
import io.github.exha.archfixtures.guice.violating.cluster.ResourceTypeRegistry;
import io.github.exha.archfixtures.layering.clustertoexchange.cluster.ClusterGroup;
import io.github.exha.archfixtures.layering.coretoexamples.core.run.JournalPrinter;
import io.github.exha.archfixtures.layering.replicationnamessim.replication.SanReplicationCoordinator;
import io.github.exha.archfixtures.layering.simtocore.storage.sim.SimArray;
import io.github.exha.archfixtures.layering.spitocore.storage.spi.LunMasking;
import io.github.exha.archfixtures.layering.stray.util.ClusterHelper;
import io.github.exha.archfixtures.layering.tcktocluster.storage.tck.DiskContract;
import io.github.exha.archfixtures.spipurity.violating.storage.sim.CoreAwareSimArray;
import io.github.exha.archfixtures.spipurity.violating.storage.spi.CoreErrorLun;
import io.github.exha.archfixtures.spipurity.violating.storage.spi.GuiceAwareStorageProvider;
import io.github.exha.archfixtures.spipurity.violating.storage.spi.JsonArrayDescriptor;
import io.github.exha.archfixtures.spipurity.violating.storage.spi.LoggingBlockDevice;
import io.github.exha.archfixtures.spipurity.violating.storage.tck.MockingLunContract;
import io.github.exha.archfixtures.statics.violating.cluster.DriveLetters;
import io.github.exha.archfixtures.statics.violating.cluster.GenerationCounter;
import io.github.exha.archfixtures.statics.violating.cluster.InsertionOrderedCache;
import io.github.exha.archfixtures.statics.violating.cluster.KnownNodes;
import io.github.exha.archfixtures.statics.violating.cluster.LegacyProperties;
import io.github.exha.archfixtures.statics.violating.cluster.LogBuffer;
import io.github.exha.archfixtures.statics.violating.cluster.PendingEvents;
import io.github.exha.archfixtures.statics.violating.cluster.ResourceTypeTable;
import io.github.exha.archfixtures.statics.violating.cluster.ServerRoles;
import io.github.exha.archfixtures.statics.violating.cluster.SharedRandom;
import io.github.exha.archfixtures.sandbox.violating.cluster.JvmExiter;
import io.github.exha.archfixtures.sandbox.violating.cluster.LegacyFileWriter;
import io.github.exha.archfixtures.sandbox.violating.cluster.MachineFileReader;
import io.github.exha.archfixtures.sandbox.violating.cluster.ProcessStarter;
import io.github.exha.archfixtures.sandbox.violating.cluster.RuntimeExecutor;
import io.github.exha.archfixtures.sandbox.violating.cluster.SocketOpener;
import io.github.exha.archfixtures.sandbox.violating.cluster.UrlReader;
import io.github.exha.archfixtures.sandbox.violating.core.topology.TopologyLoaderHelper;
import io.github.exha.archfixtures.statics.violating.core.SequenceCounter;
import io.github.exha.archfixtures.statics.violating.core.VolatileFlag;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves every rule bites: each rule, built for a fixture root under {@code io.github.exha.archfixtures},
 * fails on a fixture shaped like the real layout and names the offending class, and passes on a compliant
 * fixture of the same concern. Without this, a rule with a typo in a package name would pass forever.
 */
class RulesCatchViolationsTest {

    private static final String FIXTURES = "io.github.exha.archfixtures";
    private static final Map<String, JavaClasses> IMPORTS = new ConcurrentHashMap<>();

    @Nested
    class Layering {
        private static final String ROOT = FIXTURES + ".layering";

        @Test
        void coreDependingOnExamplesIsCaught() {
            String root = ROOT + ".coretoexamples";
            assertCaught(LayeringRules.modulesDependOnlyDownward(root), root, JournalPrinter.class);
        }

        @Test
        void clusterModelDependingOnExchangeModelIsCaught() {
            String root = ROOT + ".clustertoexchange";
            assertCaught(LayeringRules.modulesDependOnlyDownward(root), root, ClusterGroup.class);
        }

        @Test
        void storageSpiDependingOnCoreIsCaught() {
            String root = ROOT + ".spitocore";
            assertCaught(LayeringRules.modulesDependOnlyDownward(root), root, LunMasking.class);
        }

        @Test
        void simPluginDependingOnCoreIsCaught() {
            String root = ROOT + ".simtocore";
            assertCaught(LayeringRules.modulesDependOnlyDownward(root), root, SimArray.class);
        }

        @Test
        void tckDependingOnClusterModelIsCaught() {
            String root = ROOT + ".tcktocluster";
            assertCaught(LayeringRules.modulesDependOnlyDownward(root), root, DiskContract.class);
        }

        @Test
        void replicationNamingTheSimPluginIsCaughtByLayeringAndBySimRule() {
            String root = ROOT + ".replicationnamessim";
            assertCaught(LayeringRules.modulesDependOnlyDownward(root), root, SanReplicationCoordinator.class);
            assertCaught(LayeringRules.onlyExamplesNameTheSimPlugin(root), root, SanReplicationCoordinator.class);
        }

        @Test
        void classOutsideEveryModulePackageIsCaught() {
            String root = ROOT + ".stray";
            assertCaught(LayeringRules.everyClassBelongsToAModule(root), root, ClusterHelper.class);
        }

        @Test
        void simPluginNamedFromOutsideEveryModuleIsCaughtThoughLayeringCannotSeeIt() {
            String root = ROOT + ".stray";
            // consideringOnlyDependenciesInLayers ignores classes in no layer: the reason for the two extra rules.
            assertPasses(LayeringRules.modulesDependOnlyDownward(root), root);
            assertCaught(LayeringRules.onlyExamplesNameTheSimPlugin(root), root, ClusterHelper.class);
        }

        @Test
        void everyPermittedArrowPasses() {
            String root = ROOT + ".compliant";
            assertPasses(LayeringRules.modulesDependOnlyDownward(root), root);
            assertPasses(LayeringRules.onlyExamplesNameTheSimPlugin(root), root);
            assertPasses(LayeringRules.everyClassBelongsToAModule(root), root);
        }
    }

    @Nested
    class SpiPurity {
        private static final String VIOLATING = FIXTURES + ".spipurity.violating";
        private static final String COMPLIANT = FIXTURES + ".spipurity.compliant";

        @ParameterizedTest
        @ValueSource(classes = {GuiceAwareStorageProvider.class, CoreErrorLun.class, LoggingBlockDevice.class,
                JsonArrayDescriptor.class})
        void spiUsingGuiceCoreSlf4jOrJacksonIsCaught(Class<?> fixture) {
            assertCaught(SpiPurityRules.spiDependsOnlyOnTheJdk(VIOLATING), VIOLATING, fixture);
        }

        @Test
        void simPluginUsingCoreIsCaught() {
            assertCaught(SpiPurityRules.simPluginDependsOnlyOnTheSpi(VIOLATING), VIOLATING, CoreAwareSimArray.class);
        }

        @Test
        void tckUsingMockitoIsCaught() {
            assertCaught(SpiPurityRules.tckDependsOnlyOnTheSpiAndJunit(VIOLATING), VIOLATING,
                    MockingLunContract.class);
        }

        @Test
        void jdkOnlySpiSpiOnlyPluginAndJunitTckPass() {
            assertPasses(SpiPurityRules.spiDependsOnlyOnTheJdk(COMPLIANT), COMPLIANT);
            assertPasses(SpiPurityRules.simPluginDependsOnlyOnTheSpi(COMPLIANT), COMPLIANT);
            assertPasses(SpiPurityRules.tckDependsOnlyOnTheSpiAndJunit(COMPLIANT), COMPLIANT);
        }
    }

    @Nested
    class Determinism {
        private static final String VIOLATING = FIXTURES + ".determinism.violating";
        private static final String COMPLIANT = FIXTURES + ".determinism.compliant";

        /** Each concern's fixtures sit in their own package, so a rule can be checked against one concern. */
        private final Map<String, Function<String, ArchRule>> rulesByFixturePackage = Map.of(
                "wallclock", DeterminismRules::noWallClockOutsideKernel,
                "randomness", DeterminismRules::noAmbientRandomnessOutsideKernel,
                "threads", DeterminismRules::noThreadsOutsideKernel,
                "sleeping", DeterminismRules::noSleepingOutsideKernel);

        @ParameterizedTest
        @ValueSource(classes = {CurrentTimeMillisStopwatch.class, NanoTimeStopwatch.class, NanoTimeReference.class,
                InstantNowTimestamp.class, ZonedNowTimestamp.class, ChronologyDateNow.class, SystemUtcClock.class,
                TickingClock.class, OffsetClock.class, SystemInstantSource.class, NewDateTimestamp.class,
                CalendarTimestamp.class})
        void wallClockReadOutsideKernelIsCaught(Class<?> fixture) {
            assertCaught(DeterminismRules.noWallClockOutsideKernel(VIOLATING), VIOLATING, fixture);
        }

        @ParameterizedTest
        @ValueSource(classes = {NewRandomDraw.class, SeededRandomDraw.class, NewSecureRandomDraw.class,
                SecureRandomInstance.class, NewSplittableRandomDraw.class, RandomConstructorReference.class,
                JitteredRandom.class, MathRandomDraw.class, StrictMathRandomDraw.class, ThreadLocalRandomDraw.class,
                DefaultRandomGenerator.class, NamedRandomGenerator.class, NamedSplittableGenerator.class,
                RandomGeneratorFactoryUser.class, RandomUuid.class, AmbientShuffle.class})
        void ambientRandomnessOutsideKernelIsCaught(Class<?> fixture) {
            assertCaught(DeterminismRules.noAmbientRandomnessOutsideKernel(VIOLATING), VIOLATING, fixture);
        }

        @ParameterizedTest
        @ValueSource(classes = {NewThreadRunner.class, HeartbeatThread.class, ThreadStarter.class,
                ExecutorsUser.class, ExecutorServiceHolder.class, ForkJoinPoolUser.class,
                AsyncCompletableFuture.class, TimerUser.class, ParallelStreamUser.class})
        void threadsOutsideKernelAreCaught(Class<?> fixture) {
            assertCaught(DeterminismRules.noThreadsOutsideKernel(VIOLATING), VIOLATING, fixture);
        }

        @ParameterizedTest
        @ValueSource(classes = {ThreadSleeper.class, TimeUnitSleeper.class, MonitorWaiter.class, SelfWaiter.class})
        void sleepingOrWaitingOutsideKernelIsCaught(Class<?> fixture) {
            assertCaught(DeterminismRules.noSleepingOutsideKernel(VIOLATING), VIOLATING, fixture);
        }

        @Test
        void packageThatMerelyStartsWithKernelIsNotExempt() {
            assertCaught(DeterminismRules.noWallClockOutsideKernel(VIOLATING), VIOLATING,
                    KernelLookalikeStopwatch.class);
        }

        @Test
        void eachDeterminismRuleIgnoresTheOtherConcernsFixtures() {
            rulesByFixturePackage.forEach((ruleConcern, rule) -> rulesByFixturePackage.keySet().stream()
                    .filter(fixtureConcern -> !fixtureConcern.equals(ruleConcern))
                    .forEach(fixtureConcern -> assertThatCode(() -> rule.apply(VIOLATING)
                            .check(imported(VIOLATING + ".core." + fixtureConcern)))
                            .as("%s rule on %s fixtures", ruleConcern, fixtureConcern)
                            .doesNotThrowAnyException()));
        }

        @Test
        void kernelAndVirtualTimeCodePass() {
            rulesByFixturePackage.values().forEach(rule -> assertPasses(rule.apply(COMPLIANT), COMPLIANT));
        }
    }

    @Nested
    class StaticState {
        private static final String VIOLATING = FIXTURES + ".statics.violating";
        private static final String COMPLIANT = FIXTURES + ".statics.compliant";

        @ParameterizedTest
        @ValueSource(classes = {SequenceCounter.class, VolatileFlag.class})
        void nonFinalStaticFieldIsCaught(Class<?> fixture) {
            assertCaught(StaticStateRules.staticFieldsAreFinal(VIOLATING), VIOLATING, fixture);
        }

        @ParameterizedTest
        @ValueSource(classes = {ResourceTypeTable.class, InsertionOrderedCache.class, PendingEvents.class,
                KnownNodes.class, DriveLetters.class, ServerRoles.class, GenerationCounter.class, LogBuffer.class,
                SharedRandom.class, LegacyProperties.class})
        void staticFinalArrayOrMutableHolderIsCaught(Class<?> fixture) {
            assertCaught(StaticStateRules.staticFieldsAreNotMutableHolders(VIOLATING), VIOLATING, fixture);
        }

        @Test
        void immutableConstantsAndCompilerGeneratedFieldsPass() {
            assertPasses(StaticStateRules.staticFieldsAreFinal(COMPLIANT), COMPLIANT);
            assertPasses(StaticStateRules.staticFieldsAreNotMutableHolders(COMPLIANT), COMPLIANT);
        }
    }

    @Nested
    class GuiceConfinement {
        private static final String VIOLATING = FIXTURES + ".guice.violating";
        private static final String COMPLIANT = FIXTURES + ".guice.compliant";

        @ParameterizedTest
        @ValueSource(classes = {ResourceTypeRegistry.class,
                GuiceInjectedFailoverPolicy.class, ClusterModules.class})
        void guiceOutsideModulesAndCompositionRootsIsCaught(Class<?> fixture) {
            assertCaught(GuiceConfinementRules.onlyModulesAndCompositionRootsUseGuice(VIOLATING), VIOLATING, fixture);
        }

        @Test
        void modulesCompositionRootsTheirNestedClassesAndJakartaInjectPass() {
            assertPasses(GuiceConfinementRules.onlyModulesAndCompositionRootsUseGuice(COMPLIANT), COMPLIANT);
        }
    }

    @Nested
    class Cycles {
        private static final String VIOLATING = FIXTURES + ".cycles.violating";
        private static final String COMPLIANT = FIXTURES + ".cycles.compliant";

        @Test
        void packageCycleWithinAModuleIsCaughtByBothRules() {
            assertCaught(CycleRules.packagesWithinEachModuleAreFreeOfCycles(VIOLATING), VIOLATING,
                    Journal.class, Topology.class);
            assertCaught(CycleRules.packagesAreFreeOfCycles(VIOLATING), VIOLATING, Journal.class, Topology.class);
        }

        @Test
        void cycleBetweenParentAndChildPackageIsCaught() {
            assertCaught(CycleRules.packagesWithinEachModuleAreFreeOfCycles(VIOLATING), VIOLATING,
                    Workflow.class, SetupStep.class);
            assertCaught(CycleRules.packagesAreFreeOfCycles(VIOLATING), VIOLATING, Workflow.class, SetupStep.class);
        }

        @Test
        void packageCycleAcrossModulesIsCaughtByTheGlobalRule() {
            assertCaught(CycleRules.packagesAreFreeOfCycles(VIOLATING), VIOLATING,
                    ClusterNode.class, ExchangeServer.class);
            // Per-module slices see only their own module's classes.
            assertThat(failureOf(CycleRules.packagesWithinEachModuleAreFreeOfCycles(VIOLATING), VIOLATING))
                    .doesNotContain(ClusterNode.class.getName());
        }

        @Test
        void packageHierarchyWithoutWayBackPasses() {
            assertPasses(CycleRules.packagesAreFreeOfCycles(COMPLIANT), COMPLIANT);
            assertPasses(CycleRules.packagesWithinEachModuleAreFreeOfCycles(COMPLIANT), COMPLIANT);
        }
    }

    @Nested
    class Sandbox {
        private static final String VIOLATING = FIXTURES + ".sandbox.violating";
        private static final String COMPLIANT = FIXTURES + ".sandbox.compliant";

        @ParameterizedTest
        @ValueSource(classes = {ProcessStarter.class, RuntimeExecutor.class, SocketOpener.class, UrlReader.class,
                MachineFileReader.class, LegacyFileWriter.class, JvmExiter.class, TopologyLoaderHelper.class})
        void reachingTheMachineOutsideTheCliAndTheTopologyLoaderIsCaught(Class<?> fixture) {
            assertCaught(SandboxRules.noHostMachineAccess(VIOLATING), VIOLATING, fixture);
        }

        @Test
        void theCliAndTheTopologyLoaderMayReadTheirFilesAndTheModelItsSimulatedOnes() {
            assertPasses(SandboxRules.noHostMachineAccess(COMPLIANT), COMPLIANT);
        }
    }

    private static JavaClasses imported(String packageName) {
        return IMPORTS.computeIfAbsent(packageName, name -> new ClassFileImporter().importPackages(name));
    }

    private static void assertCaught(ArchRule rule, String root, Class<?>... fixtures) {
        String failure = failureOf(rule, root);
        for (Class<?> fixture : fixtures) {
            assertThat(failure).as("failure of <%s>", rule.getDescription()).contains(fixture.getName());
        }
    }

    private static String failureOf(ArchRule rule, String root) {
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> rule.check(imported(root)));
        assertThat(error).as("rule <%s> should fail on %s", rule.getDescription(), root).isNotNull();
        return error.getMessage();
    }

    private static void assertPasses(ArchRule rule, String root) {
        assertThatCode(() -> rule.check(imported(root))).as(rule.getDescription()).doesNotThrowAnyException();
    }
}
