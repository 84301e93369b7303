package io.github.exha.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import io.github.exha.core.command.AnyHostDirectory;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandBinder;
import io.github.exha.core.command.CommandCatalog;
import io.github.exha.core.command.HostDirectory;
import io.github.exha.core.command.builtin.EnterPSSession;
import io.github.exha.core.command.builtin.ExitPSSession;
import io.github.exha.core.command.builtin.FormatView;
import io.github.exha.core.command.builtin.GetDate;
import io.github.exha.core.command.builtin.StartSleep;
import io.github.exha.core.command.builtin.WriteHost;
import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.JournalOrderInvariant;
import io.github.exha.core.kernel.FaultPoints;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operations;
import io.github.exha.core.kernel.RandomStreams;
import io.github.exha.core.kernel.Scheduler;
import io.github.exha.core.kernel.SimClock;
import io.github.exha.core.run.ReportSection;
import io.github.exha.core.run.RunbookRunner;
import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import io.github.exha.core.topology.TopologySection;
import java.util.Objects;

/**
 * Binds one lab's kernel, topology, command framework and runner, and declares the extension points other modules
 * contribute to: {@code Multibinder<Command>} (runbook commands), {@code Multibinder<TopologySection<?>>} (topology
 * sections), {@code Multibinder<Invariant>} (invariants checked after each run) and an {@code OptionalBinder} for
 * {@link HostDirectory}. The lab installs it; modules use the static helpers to contribute.
 */
public final class CoreModule extends AbstractModule {
    private final LabSpec spec;

    /** The core bindings of a lab built from {@code spec}. */
    public CoreModule(LabSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** The set of runbook commands, for modules to add theirs. */
    public static Multibinder<Command> commands(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, Command.class);
    }

    /** The set of topology sections, for modules to add theirs. */
    public static Multibinder<TopologySection<?>> topologySections(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, new TypeLiteral<TopologySection<?>>() { });
    }

    /** The set of report sections (a run's metrics beyond steps and invariants), for modules to add theirs. */
    public static Multibinder<ReportSection> reportSections(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, ReportSection.class);
    }

    /** The set of invariants, for modules to add theirs. */
    public static Multibinder<Invariant> invariants(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, Invariant.class);
    }

    /** The host directory, for a host model to override. */
    public static OptionalBinder<HostDirectory> hostDirectory(com.google.inject.Binder binder) {
        return OptionalBinder.newOptionalBinder(binder, HostDirectory.class);
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        binder().requireAtInjectOnConstructors();

        Multibinder<Command> commands = commands(binder());
        commands.addBinding().toInstance(new StartSleep());
        commands.addBinding().toInstance(new EnterPSSession());
        commands.addBinding().toInstance(new ExitPSSession());
        commands.addBinding().toInstance(FormatView.list());
        commands.addBinding().toInstance(FormatView.table());
        commands.addBinding().toInstance(new GetDate());
        commands.addBinding().toInstance(new WriteHost());

        topologySections(binder());
        // Declared so a lab without report sections still injects the (empty) set.
        reportSections(binder());
        invariants(binder()).addBinding().to(JournalOrderInvariant.class);
        hostDirectory(binder()).setDefault().toInstance(new AnyHostDirectory());

        bind(TopologyLoader.class).in(Singleton.class);
        bind(CommandCatalog.class).in(Singleton.class);
        bind(CommandBinder.class).in(Singleton.class);
        bind(RunbookRunner.class).in(Singleton.class);
        bind(JournalOrderInvariant.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    Topology topology(TopologyLoader loader) {
        return spec.topology().load(loader);
    }

    @Provides
    @Singleton
    Kernel kernel(Topology topology) {
        return Kernel.create(topology.name(), spec.seed().orElse(topology.seed()), topology.start());
    }

    @Provides
    SimClock clock(Kernel kernel) {
        return kernel.clock();
    }

    @Provides
    Scheduler scheduler(Kernel kernel) {
        return kernel.scheduler();
    }

    @Provides
    Journal journal(Kernel kernel) {
        return kernel.journal();
    }

    @Provides
    RandomStreams randomStreams(Kernel kernel) {
        return kernel.streams();
    }

    @Provides
    FaultPoints faultPoints(Kernel kernel) {
        return kernel.faultPoints();
    }

    @Provides
    Operations operations(Kernel kernel) {
        return kernel.operations();
    }
}
