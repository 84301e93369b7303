package io.github.exha.storage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.storage.spi.StorageEvent;
import io.github.exha.storage.spi.StorageScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The TCK's world: virtual time, ordered scheduling, cancellation, the endless-work guard, events, seed. */
class TckStorageContextTest {
    private final TckStorageContext context = new TckStorageContext(7);

    @Test
    void clockStartsOnTheFirstOfMarch2008AndMovesOnlyWhenRun() {
        assertThat(context.now()).isEqualTo(Instant.parse("2008-03-01T00:00:00Z"));
        assertThat(context.clock().instant()).isEqualTo(context.now());
        context.runFor(Duration.ofSeconds(5));
        assertThat(context.clock().instant()).isEqualTo(Instant.parse("2008-03-01T00:00:05Z"));
    }

    @Test
    void actionsRunByDueTimeThenInTheOrderTheyWereScheduled() {
        List<String> ran = new ArrayList<>();
        context.scheduler().schedule(Duration.ofMillis(2), () -> ran.add("b@2"));
        context.scheduler().schedule(Duration.ofMillis(1), () -> ran.add("a@1"));
        context.scheduler().schedule(Duration.ofMillis(2), () -> ran.add("c@2"));
        context.scheduler().schedule(Duration.ZERO, () -> context.scheduler().schedule(Duration.ZERO,
                () -> ran.add("nested@0")));
        context.runUntilIdle();
        assertThat(ran).containsExactly("nested@0", "a@1", "b@2", "c@2");
        assertThat(context.now()).isEqualTo(TckStorageContext.START.plusMillis(2));
    }

    @Test
    void runForRunsOnlyWhatIsDueAndCancelledActionsNever() {
        List<String> ran = new ArrayList<>();
        context.scheduler().schedule(Duration.ofSeconds(1), () -> ran.add("1s"));
        StorageScheduler.Cancellable cancelled = context.scheduler().schedule(Duration.ofSeconds(1),
                () -> ran.add("cancelled"));
        context.scheduler().schedule(Duration.ofSeconds(3), () -> ran.add("3s"));
        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.cancel()).isFalse();
        context.runFor(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("1s");
        assertThat(context.pendingActions()).isEqualTo(1);
    }

    @Test
    void runUntilStopsTheClockWhenTheConditionBecomesTrue() {
        List<String> ran = new ArrayList<>();
        context.scheduler().schedule(Duration.ofMillis(10), () -> ran.add("x"));
        context.scheduler().schedule(Duration.ofMillis(20), () -> ran.add("y"));
        assertThat(context.runUntil(() -> !ran.isEmpty(), Duration.ofHours(1))).isTrue();
        assertThat(context.now()).isEqualTo(TckStorageContext.START.plusMillis(10));
        assertThat(context.runUntil(() -> ran.size() > 5, Duration.ofMillis(50))).isFalse();
        assertThat(context.now()).isEqualTo(TckStorageContext.START.plusMillis(60));
    }

    @Test
    void endlessWorkIsStoppedByTheGuard() {
        TckStorageContext guarded = new TckStorageContext(7, 1000);
        Runnable[] forever = new Runnable[1];
        forever[0] = () -> guarded.scheduler().schedule(Duration.ofMillis(1), forever[0]);
        guarded.scheduler().schedule(Duration.ZERO, forever[0]);
        assertThatThrownBy(guarded::runUntilIdle).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("keeps scheduling work");
    }

    @Test
    void eventsAreRecordedInOrderAndTheRandomGeneratorFollowsTheSeed() {
        StorageEvent event = new StorageEvent(context.now(), StorageEvent.Type.LUN_CREATED, "A", "DB1", Map.of());
        context.events().onEvent(event);
        assertThat(context.recordedEvents()).containsExactly(event);
        assertThat(context.recordedEvents(StorageEvent.Type.LUN_DELETED)).isEmpty();
        assertThat(context.random().nextLong()).isEqualTo(new TckStorageContext(7).random().nextLong());
    }
}
