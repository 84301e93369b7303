package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.ExhaCliTest.exha;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.exha.examples.cli.ExhaCliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exha estimate}: the seeds' three designs side by side — SCC with SAN replication (seed 000), CCR (seed 004),
 * CCR with SCR (seed 003).
 */
class EstimateCommandTest {
    private static final String SAN = "topologies/seed-000-san-dr.yaml";
    private static final String CCR = "topologies/seed-004-ccr.yaml";
    private static final String SCR = "topologies/seed-003-scr.yaml";

    @TempDir
    Path dir;

    private static Result estimate(String... options) {
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[] {"estimate", "--topology", SAN, CCR, SCR, "--no-calibrate"}, 0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        Result r = exha(args);
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        return r;
    }

    @Test
    void theSameSeedPrintsTheSameJsonWithOneAndTwoThreads() {
        Result one = estimate("--years", "5", "--trials", "200", "--seed", "7", "--threads", "1", "--format", "json");
        Result two = estimate("--years", "5", "--trials", "200", "--seed", "7", "--threads", "2", "--format", "json");
        assertThat(two.out()).isEqualTo(one.out());
        JsonNode json = one.json();
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("trials").asInt()).isEqualTo(200);
        assertThat(json.get("topologies")).hasSize(3);
        assertThat(json.get("topologies").get(0).get("design").asText()).startsWith("SCC Exchange-Main");
        assertThat(json.get("topologies").get(1).get("design").asText()).startsWith("CCR EXCHCCR");
        assertThat(json.get("topologies").get(2).get("design").asText()).contains("+ SCR");
        for (JsonNode topology : json.get("topologies")) {
            JsonNode availability = topology.get("metrics").get("availability");
            assertThat(availability.get("unit").asText()).isEqualTo("percent");
            assertThat(availability.get("low").asDouble()).isLessThanOrEqualTo(availability.get("estimate").asDouble());
            assertThat(availability.get("estimate").asDouble()).isLessThanOrEqualTo(availability.get("high").asDouble())
                    .isBetween(99.0, 100.0);
            assertThat(topology.get("metrics").fieldNames()).toIterable().containsExactly("availability", "nines",
                    "downtimePerYear", "outagesPerYear", "rtoP50", "rtoP95", "rtoP99", "rpoP50", "rpoP95", "rpoP99",
                    "messagesLostPerYear");
        }
    }

    @Test
    void csvHasOneRowPerTopologyAndMetricWithItsInterval() {
        Result r = exha("estimate", "--topology", CCR, SCR, "--no-calibrate", "--years", "2", "--trials", "100",
                "--format", "csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("topology,name,metric,unit,estimate,low,high");
        assertThat(lines).hasSize(1 + 2 * 11);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSize(7);
            if (!cells[4].isEmpty()) {
                double estimate = Double.parseDouble(cells[4]);
                assertThat(Double.parseDouble(cells[5])).isLessThanOrEqualTo(estimate);
                if (!cells[6].isEmpty()) {
                    assertThat(Double.parseDouble(cells[6])).isGreaterThanOrEqualTo(estimate);
                }
            }
        }
        assertThat(lines).anyMatch(l -> l.startsWith(SCR + ",seed-003-scr,rpoP95,seconds,"));
    }

    @Test
    void textIsATableWithAColumnPerTopology() {
        Result r = estimate("--years", "2", "--trials", "100", "--threads", "2");
        assertThat(r.out()).contains("2 years x 100 trials per topology, seed 1, 2 threads");
        String header = r.out().lines().filter(l -> l.contains("seed-000-san-dr") && l.contains("seed-003-scr"))
                .findFirst().orElseThrow();
        assertThat(header.indexOf("seed-000-san-dr")).isLessThan(header.indexOf("seed-004-ccr"));
        assertThat(r.out()).containsPattern("availability %\\s+\\d+\\.\\d{5} \\[\\d+\\.\\d{5}, \\d+\\.\\d{5}\\]")
                .contains("RTO p99 (min)", "messages lost per year",
                        "seed-004-ccr (" + CCR + "): CCR EXCHCCR on CCRCLUSTER",
                        "failover: default lognormal(median PT2M, p95 PT5M); not measured (--no-calibrate)");
        // No terminal in a test: no progress bar on standard error.
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theFailoverIsMeasuredInTheSimulatorUnlessDeclared() {
        Result r = exha("estimate", "--topology", CCR, "--years", "1", "--trials", "20", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode topology = r.json().get("topologies").get(0);
        assertThat(topology.get("failover").asText()).startsWith("measured in the simulator: lognormal(median PT");
        assertThat(topology.get("calibration").asText()).startsWith("crashed NODE1 in a lab of seed-004-ccr");
    }

    @Test
    void aBadReliabilitySectionIsATopologyErrorWithItsPosition() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, Files.readString(Path.of(CCR)) + """
                reliability:
                  node: { failure: { distribution: exponential, mean: -P1D } }
                """);
        Result r = exha("estimate", "--topology", file.toString(), "--no-calibrate");
        assertThat(r.exitCode()).isEqualTo(ExhaCli.USAGE);
        int line = (int) Files.readString(file).lines().count();
        assertThat(r.err()).startsWith(file + ":" + line + ":20: ").contains("reliability.node.failure",
                "needs a positive mean");
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        Result r = exha("estimate", "--topology", CCR, "--trials", "1", "--no-calibrate");
        assertThat(r.exitCode()).isEqualTo(ExhaCli.USAGE);
        assertThat(r.err()).contains("--trials must be between 2");
        Result threads = exha("estimate", "--topology", CCR, "--threads", "0", "--no-calibrate");
        assertThat(threads.exitCode()).isEqualTo(ExhaCli.USAGE);
        Result none = exha("estimate", "--topology", "topologies/minimal.yaml", "--no-calibrate");
        assertThat(none.exitCode()).isEqualTo(ExhaCli.USAGE);
        assertThat(none.err()).contains("declares no Exchange mailbox server");
        assertThat(Arrays.asList(exha("estimate").err().split("\n"))).anyMatch(l -> l.contains("--topology"));
    }
}
