package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final Instant START = Instant.parse("2008-03-01T00:00:00Z");

    private final ThreadConfinement confinement = new ThreadConfinement("test");
    private final SimClock clock = new SimClock(START);
    private final Scheduler scheduler = new Scheduler(clock, confinement);
    private final List<String> log = new ArrayList<>();

    private Runnable record(String what) {
        return () -> log.add(what + "@" + Duration.between(START, scheduler.now()).toSeconds());
    }

    /** A reusable event that records its firings. */
    private final class Recording extends Event {
        private final String name;
        int firings;

        Recording(String name) {
            this.name = name;
        }

        Recording(String name, Liveness liveness) {
            super(liveness);
            this.name = name;
        }

        @Override
        protected void fire() {
            firings++;
            record(name).run();
        }
    }

    @Test
    void simultaneousEventsRunInInsertionOrder() {
        for (int i = 0; i < 20; i++) {
            scheduler.schedule(Duration.ofSeconds(5), record("e" + i));
        }
        scheduler.schedule(Duration.ofSeconds(1), record("early"));
        scheduler.runUntilIdle();
        assertThat(log).first().isEqualTo("early@1");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("e" + i + "@5");
        }
        assertThat(log.subList(1, log.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void zeroDelayRunsAfterEventsAlreadyQueuedForTheSameInstant() {
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            log.add("a");
            scheduler.schedule(Duration.ZERO, record("a-child"));
        });
        scheduler.schedule(Duration.ofSeconds(1), record("b"));
        scheduler.runUntilIdle();
        assertThat(log).containsExactly("a", "b@1", "a-child@1");
    }

    @Test
    void stepAdvancesTheClockToTheEventAndReturnsFalseWhenEmpty() {
        scheduler.schedule(Duration.ofMillis(1500), record("x"));
        assertThat(scheduler.nextEventTime()).contains(START.plusMillis(1500));
        assertThat(scheduler.step()).isTrue();
        assertThat(scheduler.now()).isEqualTo(START.plusMillis(1500));
        assertThat(scheduler.step()).isFalse();
        assertThat(scheduler.nextEventTime()).isEmpty();
    }

    @Test
    void cancelBeforeFiringPreventsIt() {
        Timer timer = scheduler.schedule(Duration.ofSeconds(3), record("x"));
        assertThat(timer.isPending()).isTrue();
        assertThat(timer.cancel()).isTrue();
        assertThat(timer.isPending()).isFalse();
        assertThat(scheduler.pendingCount()).isZero();
        scheduler.runFor(Duration.ofSeconds(10));
        assertThat(log).isEmpty();
    }

    @Test
    void cancelAfterFiringReturnsFalse() {
        Timer timer = scheduler.schedule(Duration.ofSeconds(3), record("x"));
        scheduler.runUntilIdle();
        assertThat(timer.cancel()).isFalse();
        assertThat(timer.dueAt()).isEqualTo(START.plusSeconds(3));
        assertThat(log).containsExactly("x@3");
    }

    @Test
    void cancelFromInsideAnotherEventPreventsTheCancelledOne() {
        Timer victim = scheduler.schedule(Duration.ofSeconds(5), record("victim"));
        AtomicReference<Boolean> cancelled = new AtomicReference<>();
        scheduler.schedule(Duration.ofSeconds(2), () -> cancelled.set(victim.cancel()));
        scheduler.runUntilIdle();
        assertThat(cancelled.get()).isTrue();
        assertThat(log).isEmpty();
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(2));
    }

    @Test
    void cancellingAReusableEventAtTheSameInstantFromAnEarlierEventWorks() {
        Recording later = new Recording("later");
        scheduler.schedule(Duration.ofSeconds(1), () -> assertThat(scheduler.cancel(later)).isTrue());
        scheduler.schedule(later, Duration.ofSeconds(1).toNanos());
        scheduler.runUntilIdle();
        assertThat(later.firings).isZero();
        assertThat(scheduler.cancel(later)).isFalse();
    }

    @Test
    void periodicTimerCanCancelItselfFromItsOwnAction() {
        AtomicInteger count = new AtomicInteger();
        AtomicReference<Timer> self = new AtomicReference<>();
        AtomicReference<Boolean> cancelResult = new AtomicReference<>();
        self.set(scheduler.scheduleEvery(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> {
            if (count.incrementAndGet() == 3) {
                cancelResult.set(self.get().cancel());
            }
        }));
        scheduler.runFor(Duration.ofSeconds(10));
        assertThat(count.get()).isEqualTo(3);
        assertThat(cancelResult.get()).isTrue();
        assertThat(self.get().isPending()).isFalse();
        assertThat(scheduler.pendingCount()).isZero();
    }

    @Test
    void periodicTimerFiresAtExactMultiplesOfItsPeriod() {
        List<Instant> firings = new ArrayList<>();
        scheduler.scheduleEvery(Duration.ofMillis(250), Duration.ofMillis(333), () -> firings.add(scheduler.now()));
        scheduler.runFor(Duration.ofSeconds(2));
        assertThat(firings).hasSize(6);
        for (int i = 0; i < firings.size(); i++) {
            assertThat(firings.get(i)).isEqualTo(START.plusMillis(250 + 333L * i));
        }
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(2));
    }

    @Test
    void reschedulingAPendingReusableEventMovesItAndItFiresOnce() {
        Recording event = new Recording("r");
        scheduler.schedule(event, Duration.ofSeconds(5).toNanos());
        scheduler.schedule(event, Duration.ofSeconds(2).toNanos());
        assertThat(scheduler.pendingCount()).isEqualTo(1);
        scheduler.runUntilIdle();
        assertThat(log).containsExactly("r@2");
        assertThat(event.firings).isEqualTo(1);
    }

    @Test
    void cancelledThenRescheduledEventFiresExactlyOnce() {
        Recording event = new Recording("r");
        scheduler.schedule(event, 10);
        assertThat(scheduler.cancel(event)).isTrue();
        assertThat(scheduler.isScheduled(event)).isFalse();
        scheduler.scheduleAt(event, clock.nanos() + Duration.ofSeconds(3).toNanos());
        assertThat(scheduler.isScheduled(event)).isTrue();
        assertThat(scheduler.pendingCount()).isEqualTo(1);
        scheduler.runFor(Duration.ofSeconds(10));
        assertThat(event.firings).isEqualTo(1);
        assertThat(log).containsExactly("r@3");
    }

    @Test
    void aReusableEventCanRescheduleItselfFromFire() {
        Event ticker = new Event() {
            int n;

            @Override
            protected void fire() {
                log.add("t" + n);
                if (++n < 4) {
                    scheduler.schedule(this, 1_000);
                }
            }
        };
        scheduler.schedule(ticker, 0);
        scheduler.runUntilIdle();
        assertThat(log).containsExactly("t0", "t1", "t2", "t3");
        assertThat(scheduler.nowNanos() - clock.start().getEpochSecond() * 1_000_000_000L).isEqualTo(3_000);
    }

    @Test
    void anEventThatReschedulesCancelsAndReschedulesItselfFromFireOrThrowsKeepsTheQueueConsistent() {
        Recording other = new Recording("other");
        Scheduler second = new Scheduler(new SimClock(START), confinement);
        Event juggler = new Event() {
            int n;

            @Override
            protected void fire() {
                log.add("j" + n);
                switch (n++) {
                    case 0 -> {
                        scheduler.schedule(this, 1_000);
                        scheduler.cancel(this);
                        scheduler.schedule(other, 500);
                        scheduler.schedule(this, 2_000);
                    }
                    case 1 -> {
                        scheduler.schedule(this, 1_000);
                        throw new IllegalStateException("after scheduling itself again");
                    }
                    case 2 -> second.schedule(this, 10);
                    default -> {
                    }
                }
            }
        };
        scheduler.schedule(juggler, 0);
        scheduler.step();
        assertThat(scheduler.pendingCount()).isEqualTo(2);
        scheduler.step();
        assertThat(log).containsExactly("j0", "other@0");
        assertThatThrownBy(scheduler::step).hasMessageContaining("after scheduling itself again");
        assertThat(scheduler.isScheduled(juggler)).isTrue();
        scheduler.step();
        assertThat(scheduler.isScheduled(juggler)).isFalse();
        assertThat(second.isScheduled(juggler)).isTrue();
        assertThat(scheduler.pendingCount()).isZero();
        assertThat(scheduler.entriesInTree()).isZero();
        second.step();
        assertThat(log).containsExactly("j0", "other@0", "j1", "j2", "j3");
        scheduler.schedule(other, 5);
        scheduler.schedule(juggler, 1);
        scheduler.runUntilIdle();
        assertThat(log).endsWith("j4", "other@0");
    }

    @Test
    void anEventThatHopsToAnotherSchedulerWhileFiringLeavesBothQueuesConsistent() {
        Scheduler second = new Scheduler(new SimClock(START), confinement);
        Recording other = new Recording("other");
        Event hopper = new Event() {
            int n;

            @Override
            protected void fire() {
                log.add("hop" + n);
                switch (n++) {
                    case 0 -> {
                        // Pending in the other scheduler and not any more, then back here: its slot field changed
                        // twice while it kept its slot here.
                        second.schedule(this, 5);
                        assertThat(second.cancel(this)).isTrue();
                        scheduler.schedule(this, 2_000_000_000L);
                    }
                    case 1 -> second.schedule(this, 5);
                    default -> {
                    }
                }
            }
        };
        scheduler.schedule(hopper, 1_000_000_000L);
        scheduler.schedule(other, 10_000_000_000L);
        scheduler.step();
        assertThat(scheduler.isScheduled(hopper)).isTrue();
        assertThat(scheduler.pendingCount()).isEqualTo(2);
        assertThat(scheduler.nextEventTime()).contains(START.plusSeconds(3));
        scheduler.step();
        assertThat(scheduler.isScheduled(hopper)).isFalse();
        assertThat(second.isScheduled(hopper)).isTrue();
        scheduler.runUntilIdle();
        assertThat(scheduler.entriesInTree()).isZero();
        second.step();
        assertThat(second.entriesInTree()).isZero();
        scheduler.schedule(hopper, 1);
        scheduler.step();
        assertThat(log).containsExactly("hop0", "hop1", "other@10", "hop2", "hop3");
        assertThat(scheduler.entriesInTree()).isZero();
        assertThat(scheduler.pendingCount()).isZero();
    }

    @Test
    void sequencesRenumberedWhileTheFiringEventReschedulesItselfKeepInsertionOrderAmongTies() {
        Event again = new Event() {
            int n;

            @Override
            protected void fire() {
                log.add("again" + n);
                if (n++ == 0) {
                    scheduler.schedule(this, 1_000_000_000L); // takes the last sequence: everything is renumbered
                }
            }
        };
        scheduler.setNextSequence(Scheduler.MAX_SEQUENCE - 1);
        scheduler.schedule(again, 1_000_000_000L);
        scheduler.schedule(Duration.ofSeconds(3), record("first-at-3")); // the last sequence there is
        scheduler.step();
        scheduler.schedule(Duration.ofSeconds(2), record("second-at-3"));
        scheduler.runUntilIdle();
        assertThat(log).containsExactly("again0", "again1", "first-at-3@3", "second-at-3@3");
    }

    @Test
    void runForAndRunUntilInstantLeaveTheClockAtTheTarget() {
        scheduler.schedule(Duration.ofSeconds(3), record("a"));
        scheduler.schedule(Duration.ofSeconds(10), record("b"));
        scheduler.runFor(Duration.ofSeconds(5));
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(5));
        assertThat(log).containsExactly("a@3");
        scheduler.runUntil(START.plusSeconds(10));
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(10));
        assertThat(log).containsExactly("a@3", "b@10");
        scheduler.runUntil(START.plusSeconds(60));
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void runUntilInstantAlsoRunsDaemonEvents() {
        AtomicInteger beats = new AtomicInteger();
        scheduler.scheduleEvery(Duration.ZERO, Duration.ofSeconds(1), beats::incrementAndGet);
        scheduler.runUntil(START.plusSeconds(5));
        assertThat(beats.get()).isEqualTo(6);
    }

    @Test
    void runUntilConditionStopsAsSoonAsItHolds() {
        AtomicInteger counter = new AtomicInteger();
        for (int i = 1; i <= 10; i++) {
            scheduler.schedule(Duration.ofSeconds(i), counter::incrementAndGet);
        }
        assertThat(scheduler.runUntil(() -> counter.get() >= 4)).isTrue();
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(4));
        assertThat(scheduler.pendingCount()).isEqualTo(6);
        assertThat(scheduler.runUntil(() -> true)).isTrue();
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(4));
    }

    @Test
    void runUntilConditionReturnsFalseWhenTheWorldGoesIdle() {
        AtomicInteger beats = new AtomicInteger();
        scheduler.scheduleEvery(Duration.ofSeconds(1), Duration.ofSeconds(1), beats::incrementAndGet);
        scheduler.schedule(Duration.ofSeconds(3), record("last"));
        assertThat(scheduler.runUntil(() -> false)).isFalse();
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(3));
        assertThat(scheduler.isIdle()).isTrue();
        assertThat(scheduler.pendingCount()).isEqualTo(1);
    }

    @Test
    void runUntilConditionWithDeadlineRunsDaemonsAndStopsAtTheDeadline() {
        AtomicInteger beats = new AtomicInteger();
        scheduler.scheduleEvery(Duration.ofSeconds(1), Duration.ofSeconds(1), beats::incrementAndGet);
        assertThat(scheduler.runUntil(() -> beats.get() == 3, START.plusSeconds(60))).isTrue();
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(3));
        assertThat(scheduler.runUntil(() -> beats.get() > 100, START.plusSeconds(10))).isFalse();
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(10));
        assertThat(beats.get()).isEqualTo(10);
    }

    @Test
    void daemonPeriodicTimersDoNotKeepRunUntilIdleGoing() {
        AtomicInteger beats = new AtomicInteger();
        Timer heartbeat = scheduler.scheduleEvery(Duration.ZERO, Duration.ofSeconds(1), beats::incrementAndGet);
        scheduler.schedule(Duration.ofMillis(4500), record("work"));
        assertThat(scheduler.isIdle()).isFalse();
        scheduler.runUntilIdle();
        assertThat(scheduler.isIdle()).isTrue();
        assertThat(log).containsExactly("work@4");
        assertThat(beats.get()).isEqualTo(5);
        assertThat(heartbeat.isPending()).isTrue();
        assertThat(heartbeat.dueAt()).isEqualTo(START.plusSeconds(5));
        assertThat(scheduler.now()).isEqualTo(START.plusMillis(4500));
    }

    @Test
    void livenessOverloadsAreHonoured() {
        scheduler.schedule(Duration.ofSeconds(1), record("daemon"), Liveness.DAEMON);
        assertThat(scheduler.isIdle()).isTrue();
        Timer keeper = scheduler.scheduleEvery(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> { }, Liveness.KEEPS_ALIVE);
        assertThat(scheduler.isIdle()).isFalse();
        keeper.cancel();
        assertThat(scheduler.isIdle()).isTrue();
        Recording daemonEvent = new Recording("d", Liveness.DAEMON);
        scheduler.schedule(daemonEvent, 5);
        assertThat(scheduler.isIdle()).isTrue();
        assertThat(scheduler.keepAliveCount()).isZero();
        assertThat(scheduler.pendingCount()).isEqualTo(2);
    }

    @Test
    void runawayZeroDelayLoopTripsTheGuardWithAClearMessage() {
        Scheduler small = new Scheduler(clock, confinement, 100);
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> small.schedule(Duration.ZERO, loop[0]);
        small.schedule(Duration.ofSeconds(7), loop[0]);
        assertThatThrownBy(small::runUntilIdle)
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.RUNAWAY_ZERO_DELAY))
                .hasMessageContaining(START.plusSeconds(7).toString())
                .hasMessageContaining("100")
                .hasMessageContaining(loop[0].getClass().getName())
                .hasMessageContaining("zero-delay");
    }

    @Test
    void manyEventsAtOneInstantBelowTheLimitAreFine() {
        Scheduler small = new Scheduler(clock, confinement, 100);
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 100; i++) {
                small.schedule(Duration.ofSeconds(round), () -> { });
            }
        }
        small.runUntilIdle();
        assertThat(small.pendingCount()).isZero();
    }

    @Test
    void anEventsExceptionLeavesTheSchedulerConsistent() {
        scheduler.schedule(Duration.ofSeconds(1), record("before"));
        scheduler.schedule(Duration.ofSeconds(2), () -> {
            throw new IllegalStateException("boom");
        });
        scheduler.schedule(Duration.ofSeconds(2), record("same-instant"));
        scheduler.schedule(Duration.ofSeconds(3), record("after"));
        assertThatThrownBy(scheduler::runUntilIdle).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(scheduler.now()).isEqualTo(START.plusSeconds(2));
        assertThat(scheduler.pendingCount()).isEqualTo(2);
        assertThat(scheduler.isIdle()).isFalse();
        scheduler.runUntilIdle();
        assertThat(log).containsExactly("before@1", "same-instant@2", "after@3");
    }

    @Test
    void runningTheSchedulerFromInsideAnEventIsRejected() {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            try {
                scheduler.step();
            } catch (ExhaException e) {
                thrown.set(e);
            }
        });
        scheduler.schedule(Duration.ofSeconds(2), record("later"));
        scheduler.runUntilIdle();
        assertThat(thrown.get()).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_STATE));
        assertThat(log).containsExactly("later@2");
    }

    @Test
    void invalidArgumentsAreRejectedWithInvalidArgument() {
        scheduler.runFor(Duration.ofSeconds(10));
        assertInvalid(() -> scheduler.schedule(Duration.ofSeconds(-1), () -> { }));
        assertInvalid(() -> scheduler.schedule(Duration.ofSeconds(1), null));
        assertInvalid(() -> scheduler.schedule((Duration) null, () -> { }));
        assertInvalid(() -> scheduler.scheduleAt(START, () -> { }));
        assertInvalid(() -> scheduler.schedule(new Recording("x"), -5));
        assertInvalid(() -> scheduler.scheduleAt(new Recording("x"), clock.nanos() - 1));
        assertInvalid(() -> scheduler.schedule(null, 5));
        assertInvalid(() -> scheduler.schedule(new Recording("x"), Long.MAX_VALUE));
        assertInvalid(() -> scheduler.scheduleEvery(Duration.ZERO, Duration.ZERO, () -> { }));
        assertInvalid(() -> scheduler.runUntil(START));
        assertInvalid(() -> scheduler.runFor(Duration.ofSeconds(-1)));
        assertInvalid(() -> new Scheduler(clock, confinement, 0));
        assertInvalid(() -> new SimClock(Instant.parse("1500-01-01T00:00:00Z")));
        assertInvalid(() -> new SimClock(Instant.parse("2300-01-01T00:00:00Z")));
        assertThat(scheduler.pendingCount()).isZero();
    }

    @Test
    void anEventPendingInOneSchedulerCannotBeScheduledInAnother() {
        Scheduler other = new Scheduler(new SimClock(START), confinement);
        Recording event = new Recording("x");
        scheduler.schedule(event, 1);
        assertInvalid(() -> other.schedule(event, 1));
        assertThat(other.cancel(event)).isFalse();
        assertThat(other.isScheduled(event)).isFalse();
    }

    @Test
    void simClockReportsNanosMillisAndInstant() {
        SimClock c = new SimClock(Instant.parse("1969-12-31T23:59:59.999999999Z"));
        assertThat(c.nanos()).isEqualTo(-1);
        assertThat(c.millis()).isEqualTo(-1);
        assertThat(c.instant()).isEqualTo(c.start());
        Scheduler s = new Scheduler(c, confinement);
        s.runFor(Duration.ofNanos(1_000_001));
        assertThat(c.instant()).isEqualTo(Instant.parse("1970-01-01T00:00:00.001Z"));
        assertThat(c.millis()).isEqualTo(1);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
    }
}
