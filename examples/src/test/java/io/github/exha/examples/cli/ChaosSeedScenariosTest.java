package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.ExhaCliTest.exha;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.exha.examples.cli.ExhaCliTest.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code exha chaos} works on every seed scenario: one run of master seed {@value #SEED} each (a fault-free baseline and
 * a faulted run), exit 0, every invariant held, nothing left unrecovered by a heal, and the JSON well formed. Replay a
 * scenario's run with {@code exha chaos --scenario NAME --runs 1 --seed 1}.
 */
class ChaosSeedScenariosTest {
    private static final long SEED = 1;

    static Stream<String> seedScenarios() {
        return Scenarios.names().stream().filter(name -> name.matches("seed-00\\d-.*"));
    }

    @ParameterizedTest
    @MethodSource("seedScenarios")
    void oneRunOfEverySeedScenarioHoldsEveryInvariant(String scenario) {
        long started = System.nanoTime();
        Result r = exha("chaos", "--scenario", scenario, "--runs", "1", "--seed", Long.toString(SEED), "--format",
                "json");
        System.out.println("chaos " + scenario + " took " + (System.nanoTime() - started) / 1_000_000 + " ms: "
                + r.out());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("invariantsBroken").size()).as(r.out()).isZero();
        assertThat(json.get("unrecovered").asLong()).as(r.out()).isZero();
        JsonNode run = json.get("runs").get(0);
        assertThat(run.get("faults")).isNotEmpty();
        assertThat(run.get("permittedLosses").asLong()).isNotNegative();
    }
}
