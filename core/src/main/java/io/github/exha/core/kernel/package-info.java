/**
 * The deterministic simulation kernel of one simulated world (a lab): a virtual {@link
 * io.github.exha.core.kernel.SimClock clock}, a discrete-event {@link io.github.exha.core.kernel.Scheduler
 * scheduler} ordered by (time, insertion sequence), named {@link io.github.exha.core.kernel.RandomStreams seeded
 * random streams}, an append-only {@link io.github.exha.core.kernel.Journal journal} whose digest proves
 * determinism, {@link io.github.exha.core.kernel.FaultPoints fault points} armed by fault plans, and {@link
 * io.github.exha.core.kernel.Operation operations} that take virtual time. {@link
 * io.github.exha.core.kernel.Kernel} wires them together.
 *
 * <p>This is the only package that may deal in time and randomness, and even here nothing reads the wall clock
 * or ambient randomness, and no thread is created: a world is confined by {@link
 * io.github.exha.core.kernel.ThreadConfinement} to the thread that created it, and parallelism means many
 * worlds. Given the same seed and inputs, a world always produces the same journal.
 */
package io.github.exha.core.kernel;
