package io.github.exha.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.github.exha.examples.architecture.ExhaModule.ROOT;
import static io.github.exha.examples.architecture.ExhaModule.kernelPackages;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Calendar;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.TimerTask;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.random.RandomGeneratorFactory;

/**
 * One seed, one outcome: outside the simulation kernel nothing reads wall-clock time, draws ambient
 * randomness, starts threads or blocks the calling thread (ARCHITECTURE.md, "The simulation kernel").
 * Time comes from {@code SimClock}, randomness from the kernel's named streams, concurrency from many labs.
 *
 * <p>The kernel is {@code <root>.core.kernel..} (module packages per {@link ExhaModule}); it alone may wrap
 * the JDK's clocks, entropy and threads. Calls and method references are matched on their target as
 * compiled, so a banned call is caught however it is written (direct, in a lambda, as a method reference,
 * or as the {@code super(..)} call of a subclass).
 *
 * <p>Beyond the bans ARCHITECTURE.md lists, the rules also ban the JDK's indirect routes to the same
 * sources: {@code new Date()}, {@code Calendar.getInstance}, {@code Chronology.dateNow} (wall clock);
 * {@code SecureRandom.getInstance*}, {@code UUID.randomUUID}, {@code Collections.shuffle(List)} (entropy);
 * {@code TimeUnit.sleep} (sleeping); parallel streams and {@code ForkJoinTask} (the common pool).
 */
public final class DeterminismRules {

    /** No wall-clock reads outside the kernel. */
    @ArchTest
    public static final ArchRule NO_WALL_CLOCK_OUTSIDE_KERNEL = noWallClockOutsideKernel(ROOT);

    /** No ambient randomness outside the kernel. */
    @ArchTest
    public static final ArchRule NO_AMBIENT_RANDOMNESS_OUTSIDE_KERNEL = noAmbientRandomnessOutsideKernel(ROOT);

    /** No threads, executors, timers or async futures outside the kernel. */
    @ArchTest
    public static final ArchRule NO_THREADS_OUTSIDE_KERNEL = noThreadsOutsideKernel(ROOT);

    /** No sleeping or waiting on a monitor outside the kernel. */
    @ArchTest
    public static final ArchRule NO_SLEEPING_OUTSIDE_KERNEL = noSleepingOutsideKernel(ROOT);

    private static final String VIRTUAL_TIME = "time is virtual: SimClock is the only clock, so the same seed"
            + " replays the same journal";

    private DeterminismRules() {
    }

    public static ArchRule noWallClockOutsideKernel(String root) {
        return noClasses()
                .that().resideOutsideOfPackage(kernelPackages(root))
                .should().accessTargetWhere(anyOf(
                        call("System.currentTimeMillis() or System.nanoTime()",
                                ownedBy(System.class).and(named("currentTimeMillis|nanoTime"))),
                        call("now(..) of a java.time type or dateNow(..) of a java.time.chrono type",
                                ownerIn("java.time..").and(named("now|dateNow"))),
                        call("Clock.system*(..), Clock.tick*(..) or Clock.offset(..)",
                                ownedBy(Clock.class).and(named("system.*|tick.*|offset"))),
                        call("InstantSource.system()", ownedBy(InstantSource.class).and(named("system"))),
                        call("new Date() or Calendar.getInstance(..)",
                                ownedBy(Date.class).and(isConstructor()).and(parameters())
                                        .or(ownedBy(Calendar.class).and(named("getInstance"))))))
                .because(VIRTUAL_TIME);
    }

    public static ArchRule noAmbientRandomnessOutsideKernel(String root) {
        // The TCK cannot use core's kernel (it depends on the SPI and JUnit only), so its TckStorageContext is the
        // kernel of the TCK's worlds: the one place there that seeds generators, from the test's seed.
        return noClasses()
                .that().resideOutsideOfPackage(kernelPackages(root))
                .and().doNotHaveFullyQualifiedName(ExhaModule.STORAGE_TCK.basePackage(root) + ".TckStorageContext")
                .should().accessTargetWhere(anyOf(
                        // Exact owners: a subclass declared outside the kernel is still caught by its super(..) call.
                        call("new Random(..), new SecureRandom(..) or new SplittableRandom(..)",
                                isConstructor().and(ownedBy(Random.class)
                                        .or(ownedBy(SecureRandom.class)).or(ownedBy(SplittableRandom.class)))),
                        call("SecureRandom.getInstance*(..)",
                                ownedBy(SecureRandom.class).and(named("getInstance.*"))),
                        call("Math.random() or StrictMath.random()",
                                ownedBy(Math.class).or(ownedBy(StrictMath.class)).and(named("random"))),
                        call("ThreadLocalRandom.current()",
                                ownedBy(ThreadLocalRandom.class).and(named("current"))),
                        call("RandomGenerator(.*Generator)?.getDefault() or .of(..)",
                                ownerIn("java.util.random..").and(named("getDefault|of"))),
                        call("any RandomGeneratorFactory method", ownedBy(RandomGeneratorFactory.class)),
                        call("UUID.randomUUID() or Collections.shuffle(List)",
                                ownedBy(UUID.class).and(named("randomUUID"))
                                        .or(ownedBy(Collections.class).and(named("shuffle")).and(parameters(List.class))))))
                .because("every draw comes from a named stream derived from the lab's one seed, so adding a"
                        + " component never perturbs another's draws");
    }

    public static ArchRule noThreadsOutsideKernel(String root) {
        return noClasses()
                .that().resideOutsideOfPackage(kernelPackages(root))
                .should().accessTargetWhere(anyOf(
                        call("new Thread(..) or Thread.start() (subclasses included)",
                                ownerAssignableTo(Thread.class).and(isConstructor().or(named("start")))),
                        call("CompletableFuture.*Async(..)",
                                ownedBy(CompletableFuture.class).and(named(".*Async"))),
                        call("Collection.parallelStream() or BaseStream.parallel()",
                                ownerIn("java.util..").and(named("parallelStream"))
                                        .or(ownerIn("java.util.stream..").and(named("parallel"))))))
                .orShould().dependOnClassesThat(or(
                        type(Executors.class),
                        assignableTo(ExecutorService.class), // includes ForkJoinPool and scheduled executors
                        assignableTo(ForkJoinTask.class),
                        assignableTo(Timer.class),
                        assignableTo(TimerTask.class)))
                .because("a lab is confined to one thread and its scheduler is the only source of concurrency;"
                        + " parallelism means many labs");
    }

    public static ArchRule noSleepingOutsideKernel(String root) {
        return noClasses()
                .that().resideOutsideOfPackage(kernelPackages(root))
                .should().accessTargetWhere(anyOf(
                        call("Thread.sleep(..) or TimeUnit.sleep(..)",
                                ownerAssignableTo(Thread.class).or(ownedBy(TimeUnit.class)).and(named("sleep"))),
                        // Any receiver: wait() is final on Object, so only these three signatures are Object.wait.
                        call("Object.wait(..)", named("wait").and(
                                parameters().or(parameters(long.class)).or(parameters(long.class, int.class))))))
                .because(VIRTUAL_TIME + "; Start-Sleep advances virtual time, it never blocks the thread");
    }

    @SafeVarargs
    private static DescribedPredicate<JavaAccess<?>> anyOf(DescribedPredicate<JavaAccess<?>>... banned) {
        DescribedPredicate<JavaAccess<?>> any = or(List.of(banned));
        return any.as("it is " + any.getDescription());
    }

    /** Matches calls and method or constructor references ({@code System::nanoTime}, {@code Thread::new}). */
    private static DescribedPredicate<JavaAccess<?>> call(String description, Predicate<CodeUnitAccessTarget> target) {
        return describe(description, access -> access.getTarget() instanceof CodeUnitAccessTarget codeUnit
                && target.test(codeUnit));
    }

    private static Predicate<CodeUnitAccessTarget> ownedBy(Class<?> owner) {
        return target -> target.getOwner().isEquivalentTo(owner);
    }

    private static Predicate<CodeUnitAccessTarget> ownerAssignableTo(Class<?> supertype) {
        return target -> target.getOwner().isAssignableTo(supertype);
    }

    private static Predicate<CodeUnitAccessTarget> ownerIn(String packageIdentifier) {
        DescribedPredicate<JavaClass> inPackage = resideInAPackage(packageIdentifier);
        return target -> inPackage.test(target.getOwner());
    }

    private static Predicate<CodeUnitAccessTarget> named(String regex) {
        return target -> target.getName().matches(regex);
    }

    private static Predicate<CodeUnitAccessTarget> isConstructor() {
        return named(JavaConstructor.CONSTRUCTOR_NAME);
    }

    private static Predicate<CodeUnitAccessTarget> parameters(Class<?>... types) {
        return target -> target.getRawParameterTypes().size() == types.length
                && IntStream.range(0, types.length)
                        .allMatch(i -> target.getRawParameterTypes().get(i).isEquivalentTo(types[i]));
    }
}
