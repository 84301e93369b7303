package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.ExhaCliTest.exha;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.exha.examples.cli.ExhaCliTest.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code exha chaos} works on every seed scenario: one run each (a fault-free baseline and a faulted run), exit 0,
 * every invariant held, nothing left unrecovered by a heal, and the JSON well formed. Each scenario has its own master
 * seed (its name's {@code String.hashCode} modulo 1000), so the scenarios do not all draw the same plan shape; the
 * test prints the command that replays each.
 */
class ChaosSeedScenariosTest {
    static long seed(String scenario) {
        return Math.floorMod(scenario.hashCode(), 1000);
    }

    static Stream<String> seedScenarios() {
        return Scenarios.names().stream().filter(name -> name.matches("seed-00\\d-.*"));
    }

    @ParameterizedTest
    @MethodSource("seedScenarios")
    void oneRunOfEverySeedScenarioHoldsEveryInvariant(String scenario) {
        long started = System.nanoTime();
        Result r = exha("chaos", "--scenario", scenario, "--runs", "1", "--seed", Long.toString(seed(scenario)),
                "--format", "json");
        System.out.println("exha chaos --scenario " + scenario + " --runs 1 --seed " + seed(scenario) + " took "
                + (System.nanoTime() - started) / 1_000_000 + " ms: " + r.out());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("invariantsBroken").size()).as(r.out()).isZero();
        assertThat(json.get("unrecovered").asLong()).as(r.out()).isZero();
        JsonNode run = json.get("runs").get(0);
        assertThat(run.get("faults")).isNotEmpty();
        assertThat(run.get("permittedLosses").asLong()).isNotNegative();
    }
}
