package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsTest {
    private static final Instant START = Instant.parse("2008-03-01T00:00:00Z");

    private final Kernel kernel = Kernel.create("ops", 1, START);
    private final Scheduler scheduler = kernel.scheduler();
    private final Operations operations = kernel.operations();

    @Test
    void awaitOfAnOperationCompletedLaterAdvancesTimeExactly() {
        Operation<String> mount = operations.completeAfter(Duration.ofMillis(2_345), "mount SG1\\DB1", () -> "Mounted");
        scheduler.schedule(Duration.ofHours(1), () -> { });
        assertThat(operations.await(mount)).isEqualTo("Mounted");
        assertThat(scheduler.now()).isEqualTo(START.plusMillis(2_345));
        assertThat(mount.completedAt()).isEqualTo(START.plusMillis(2_345));
        assertThat(operations.pending()).isEmpty();
    }

    @Test
    void deadlockReportListsThePendingOperations() {
        Operation<Void> online = operations.create("bring group 'EXCMS1' online");
        online.waitingFor("Physical Disk resource 'Disk Q:' to come online");
        Operation<Void> copy = operations.create("copy log E0000000012.log");
        copy.waitingFor("the replication service on NODE2");
        operations.completeAfter(Duration.ofSeconds(5), "finishes on its own", () -> 1);
        scheduler.scheduleEvery(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> { });
        assertThatThrownBy(() -> operations.await(online))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.DEADLOCK))
                .hasMessageContaining(START.plusSeconds(5).toString())
                .hasMessageContaining("awaiting operation 'bring group 'EXCMS1' online'")
                .hasMessageContaining("#1 bring group 'EXCMS1' online — waiting for: Physical Disk resource 'Disk Q:' to come online\n"
                        + "  #2 copy log E0000000012.log — waiting for: the replication service on NODE2")
                .hasMessageNotContaining("finishes on its own");
        assertThat(operations.pending()).containsExactly(online, copy);
    }

    @Test
    void awaitRethrowsTheOperationsFailure() {
        ExhaException refused = new ExhaException(CoreErrorCode.INVALID_STATE, "the disk is offline");
        Operation<Integer> op = operations.completeAfter(Duration.ofSeconds(1), "dismount", () -> {
            throw refused;
        });
        assertThatThrownBy(() -> operations.await(op)).isSameAs(refused);
        assertThat(op.isFailed()).isTrue();
        assertThat(op.failure()).contains(refused);
        assertThatThrownBy(op::result).isSameAs(refused);
    }

    @Test
    void callbacksRunAtCompletionInRegistrationOrderOrImmediatelyWhenDone() {
        List<String> seen = new ArrayList<>();
        Operation<Integer> op = operations.create("reseed");
        op.whenDone(o -> seen.add("a" + o.result())).whenDone(o -> seen.add("b" + o.result()));
        scheduler.schedule(Duration.ofSeconds(3), () -> op.complete(7));
        assertThat(operations.await(op)).isEqualTo(7);
        op.whenDone(o -> seen.add("late"));
        assertThat(seen).containsExactly("a7", "b7", "late");
    }

    @Test
    void secondCompletionAndEarlyResultAreRejected() {
        Operation<Integer> op = operations.create("failover");
        assertThatThrownBy(op::result).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_STATE));
        assertThatThrownBy(op::completedAt).isInstanceOf(ExhaException.class);
        op.complete(1);
        assertThatThrownBy(() -> op.complete(2)).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(CoreErrorCode.OPERATION_ALREADY_DONE));
        assertThatThrownBy(() -> op.fail(new ExhaException(CoreErrorCode.INVALID_STATE, "x")))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.OPERATION_ALREADY_DONE));
        assertThat(op.result()).isEqualTo(1);
    }

    @Test
    void completeAfterDoesNotCompleteAnOperationAlreadyFailed() {
        Operation<String> op = operations.completeAfter(Duration.ofSeconds(10), "seed copy", () -> "done");
        op.fail(new ExhaException(CoreErrorCode.INVALID_STATE, "cancelled by the administrator"));
        scheduler.runUntilIdle();
        assertThat(op.isFailed()).isTrue();
    }

    @Test
    void awaitingAnOperationOfAnotherWorldIsRejected() {
        Operation<Object> foreign = Kernel.create("other", 1, START).operations().create("x");
        assertThatThrownBy(() -> operations.await(foreign)).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
    }
}
