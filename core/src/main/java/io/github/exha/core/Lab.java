package io.github.exha.core;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import io.github.exha.core.command.CommandCatalog;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.FaultPoints;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Operations;
import io.github.exha.core.kernel.RandomStreams;
import io.github.exha.core.kernel.Scheduler;
import io.github.exha.core.kernel.SimClock;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.RunbookRunner;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One simulated world: one Guice injector, one scheduler, one journal, built from a topology and a seed. A lab is
 * confined to the thread that created it; run many labs for parallelism. Same topology, seed and runbook give the
 * same journal digest.
 */
@CompositionRoot
public final class Lab {
    private final Injector injector;
    private final Kernel kernel;
    private final Topology topology;

    private Lab(Injector injector) {
        this.injector = injector;
        this.kernel = injector.getInstance(Kernel.class);
        this.topology = injector.getInstance(Topology.class);
        // The first entry names the world, so the digest covers which topology and seed produced it.
        kernel.journal().append(JournalEntry.Type.NOTE, "lab", "lab.start", Map.of("name", topology.name(),
                "seed", Long.toString(kernel.streams().masterSeed()), "start", kernel.clock().instant().toString()));
    }

    /**
     * Builds a lab from a spec and the modules to compose (core is always installed).
     *
     * @throws ExhaException when the topology does not load (with its file position)
     */
    public static Lab create(LabSpec spec, Module... modules) {
        List<Module> all = new ArrayList<>();
        all.add(new CoreModule(spec));
        all.addAll(List.of(modules));
        try {
            // PRODUCTION builds every singleton now, so a bad topology fails here and not mid-run.
            return new Lab(Guice.createInjector(Stage.PRODUCTION, all));
        } catch (CreationException e) {
            throw unwrap(e.getErrorMessages(), e);
        } catch (ProvisionException e) {
            throw unwrap(e.getErrorMessages(), e);
        }
    }

    private static RuntimeException unwrap(java.util.Collection<Message> messages, RuntimeException wrapper) {
        for (Message message : messages) {
            for (Throwable t = message.getCause(); t != null; t = t.getCause()) {
                if (t instanceof ExhaException exha) {
                    return exha;
                }
            }
        }
        return wrapper;
    }

    /** The topology the lab was built from. */
    public Topology topology() {
        return topology;
    }

    /** The seed every random stream derives from. */
    public long seed() {
        return kernel.streams().masterSeed();
    }

    /** The kernel: clock, scheduler, journal, streams, fault points, operations. */
    public Kernel kernel() {
        return kernel;
    }

    /** The virtual clock. */
    public SimClock clock() {
        return kernel.clock();
    }

    /** The scheduler. */
    public Scheduler scheduler() {
        return kernel.scheduler();
    }

    /** The journal. */
    public Journal journal() {
        return kernel.journal();
    }

    /** The named random streams. */
    public RandomStreams streams() {
        return kernel.streams();
    }

    /** The fault points. */
    public FaultPoints faultPoints() {
        return kernel.faultPoints();
    }

    /** Operations in flight. */
    public Operations operations() {
        return kernel.operations();
    }

    /** The lab's runbook commands. */
    public CommandCatalog commands() {
        return instance(CommandCatalog.class);
    }

    /** An object of the lab's world (a cluster, an organization...), as bound by the composed modules. */
    public <T> T instance(Class<T> type) {
        kernel.confinement().check();
        return injector.getInstance(type);
    }

    /** Runs virtual time until the operation completes; see {@link Operations#await}. */
    public <T> T await(Operation<T> operation) {
        return kernel.operations().await(operation);
    }

    /**
     * Runs a runbook.
     *
     * @throws ExhaException with a file position when the runbook does not bind (nothing ran)
     */
    public RunReport run(Runbook runbook, RunOptions options) {
        return instance(RunbookRunner.class).run(runbook, options);
    }
}
