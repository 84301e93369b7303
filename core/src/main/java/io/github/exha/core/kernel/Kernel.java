package io.github.exha.core.kernel;

import java.time.Instant;

/**
 * The kernel of one simulated world, wired together: thread confinement, virtual clock, scheduler, journal,
 * random streams, fault points and operations. The {@code Lab} builds its injector on top of one kernel.
 */
public final class Kernel {
    private final ThreadConfinement confinement;
    private final SimClock clock;
    private final Scheduler scheduler;
    private final Journal journal;
    private final RandomStreams streams;
    private final FaultPoints faultPoints;
    private final Operations operations;

    private Kernel(ThreadConfinement confinement, SimClock clock, Scheduler scheduler, Journal journal,
            RandomStreams streams, FaultPoints faultPoints, Operations operations) {
        this.confinement = confinement;
        this.clock = clock;
        this.scheduler = scheduler;
        this.journal = journal;
        this.streams = streams;
        this.faultPoints = faultPoints;
        this.operations = operations;
    }

    /**
     * A new world named {@code labName}, confined to the calling thread, seeded with {@code seed} and starting at
     * {@code start}.
     *
     * @throws io.github.exha.core.error.ExhaException {@code INVALID_ARGUMENT} for a blank name or a start
     *     outside the simulated range
     */
    public static Kernel create(String labName, long seed, Instant start) {
        ThreadConfinement confinement = new ThreadConfinement(labName);
        SimClock clock = new SimClock(start);
        Scheduler scheduler = new Scheduler(clock, confinement);
        Journal journal = new Journal(clock, confinement);
        RandomStreams streams = new RandomStreams(seed, confinement);
        FaultPoints faultPoints = new FaultPoints(streams, journal, confinement);
        Operations operations = new Operations(scheduler, confinement);
        return new Kernel(confinement, clock, scheduler, journal, streams, faultPoints, operations);
    }

    /** The lab's name. */
    public String labName() {
        return confinement.labName();
    }

    /** The thread confinement every kernel part checks. */
    public ThreadConfinement confinement() {
        return confinement;
    }

    /** The virtual clock. */
    public SimClock clock() {
        return clock;
    }

    /** The scheduler. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The journal. */
    public Journal journal() {
        return journal;
    }

    /** The seeded random streams. */
    public RandomStreams streams() {
        return streams;
    }

    /** The fault points. */
    public FaultPoints faultPoints() {
        return faultPoints;
    }

    /** The operations. */
    public Operations operations() {
        return operations;
    }

    @Override
    public String toString() {
        return "Kernel[lab=" + confinement.labName() + ", seed=" + streams.masterSeed() + ", now=" + clock.instant() + "]";
    }
}
