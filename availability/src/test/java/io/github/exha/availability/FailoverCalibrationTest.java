package io.github.exha.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.replication.ReplicationModule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailoverCalibrationTest {
    private static Lab lab(String file) {
        return Lab.create(LabSpec.of(TopologySource.text(file, Topologies.text(file))), new ClusterModule(),
                new ExchangeModule(), new ReplicationModule(), new AvailabilityModule());
    }

    @Test
    void aCcrClusterWithAFileShareWitnessFailsOverAndTheSimulatorTimesIt() {
        FailoverCalibration.Result result = FailoverCalibration.measure(lab(Topologies.CCR));
        System.out.println(result.note());
        assertThat(result.failover()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(5),
                Duration.ofMinutes(5)));
        assertThat(result.note()).startsWith("crashed NODE1 in a lab of seed-004-ccr: databases mounted on another node");
    }

    @Test
    void aTwoNodeMajorityNodeSetClusterDoesNotFailOverInTheSimulatorEither() {
        FailoverCalibration.Result result = FailoverCalibration.measure(lab(Topologies.SAN));
        System.out.println(result.note());
        assertThat(result.failover()).isEmpty();
        assertThat(result.note()).contains("crashed MAINNODE1", "no database mounted on another node",
                "as its quorum predicts: without MAINNODE1 1 of the 2 votes are left and Majority Node Set needs 2");
    }
}
