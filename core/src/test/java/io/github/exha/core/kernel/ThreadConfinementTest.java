package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadConfinementTest {
    private final Kernel kernel = Kernel.create("lab-A", 1, Instant.parse("2008-03-01T00:00:00Z"));

    /** Runs {@code call} on a new thread named "intruder" and returns what it threw. */
    private static Throwable thrownOnAnotherThread(Runnable call) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread intruder = new Thread(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "intruder");
        intruder.start();
        intruder.join();
        return thrown.get();
    }

    @Test
    void aCallFromASecondThreadIsRejectedNamingBothThreads() throws InterruptedException {
        Thread owner = Thread.currentThread();
        Throwable thrown = thrownOnAnotherThread(() -> kernel.scheduler().schedule(Duration.ofSeconds(1), () -> { }));
        assertThat(thrown).isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.WRONG_THREAD));
        assertThat(thrown.getMessage())
                .contains("lab-A")
                .contains("'" + owner.getName() + "' (id " + owner.getId() + ")")
                .contains("'intruder'")
                .contains("must be used from the thread that created it");
        assertThat(kernel.scheduler().pendingCount()).isZero();
    }

    @Test
    void everyKernelEntryPointChecksTheThread() throws InterruptedException {
        FaultPoint point = kernel.faultPoints().register("disk.io", "I/O error");
        Operation<Integer> op = kernel.operations().create("op");
        Event event = new Event() {
            @Override
            protected void fire() {
            }
        };
        List<Runnable> calls = List.of(
                () -> kernel.scheduler().schedule(event, 1),
                () -> kernel.scheduler().cancel(event),
                () -> kernel.scheduler().step(),
                () -> kernel.scheduler().runFor(Duration.ofSeconds(1)),
                () -> kernel.scheduler().runUntilIdle(),
                () -> kernel.scheduler().isIdle(),
                () -> kernel.journal().append(JournalEntry.Type.NOTE, "s", "n", Map.of()),
                () -> kernel.journal().digest(),
                () -> kernel.streams().stream("x"),
                () -> kernel.faultPoints().register("y", "z"),
                () -> kernel.faultPoints().arm(FaultRule.once("disk.io")),
                point::fires,
                () -> kernel.operations().create("o"),
                () -> kernel.operations().await(op),
                () -> op.complete(1),
                op::isDone);
        List<Throwable> failures = new ArrayList<>();
        for (Runnable call : calls) {
            failures.add(thrownOnAnotherThread(call));
        }
        assertThat(failures).allSatisfy(t -> assertThat(t).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(CoreErrorCode.WRONG_THREAD)));
        assertThat(op.isDone()).isFalse();
    }
}
