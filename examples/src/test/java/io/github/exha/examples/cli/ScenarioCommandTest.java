package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.ExhaCliTest.exha;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.cli.ExhaCliTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code exha scenarios} and {@code exha scenario NAME}: every runbook of {@code runbooks/} is a built-in scenario that
 * runs on the topology its header names, as {@code exha run} runs it with that topology and those options (the seed
 * tests check what those runs do; three scenarios are compared with the run digest for digest).
 */
class ScenarioCommandTest {
    /** What each scenario's run ends with. */
    private static final Map<String, Integer> EXIT_CODES = Map.ofEntries(Map.entry("ccr-rolling-upgrade", 0),
            Map.entry("ccr-rolling-upgrade-without-upgradecms", 1), Map.entry("seed-000-dr-activation", 0),
            Map.entry("seed-000-naive-upgrade", 1), Map.entry("seed-000-upgrade-procedure", 0),
            Map.entry("seed-001-refusals", 1), Map.entry("seed-001-rolling-upgrade-2node", 0),
            Map.entry("seed-001-rolling-upgrade-4node", 0), Map.entry("seed-002-scc", 0),
            Map.entry("seed-003-scr-failover-failback", 0), Map.entry("seed-004-ccr-build", 0),
            Map.entry("seed-004-move-files-while-mounted", 1), Map.entry("seed-004-path-move", 0),
            Map.entry("seed-004-path-move-without-configurationonly", 1),
            Map.entry("seed-004-cacls-verbatim", 1), Map.entry("seed-lines", 1), Map.entry("wait-90-seconds", 0));

    static Stream<String> runbooks() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("runbooks"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ps1"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    /** {@code exha run} arguments equivalent to the scenario, from its header. */
    private static List<String> runArguments(String name) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "runbooks/" + name + ".ps1", "--format", "json"));
        for (String line : Files.readAllLines(Path.of("runbooks", name + ".ps1"), StandardCharsets.UTF_8)) {
            if (line.startsWith("# Topology: ") && !line.endsWith(": none")) {
                args.addAll(List.of("--topology", "topologies/" + line.substring("# Topology: ".length())));
            } else if (line.startsWith("# Options: ")) {
                args.addAll(List.of(line.substring("# Options: ".length()).split(" ")));
            }
        }
        return args;
    }

    @Test
    void scenariosListsEveryRunbookOneLineEachWithItsTopology() throws IOException {
        Result r = exha("scenarios");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).extracting(l -> l.split("\\s+")[0]).containsExactlyElementsOf(runbooks().toList());
        assertThat(lines).filteredOn(l -> l.startsWith("seed-002-scc ")).singleElement().asString()
                .contains("seed-002-scc.yaml").contains("Seed 002: install an Exchange 2007 single copy cluster, look"
                        + " at it from the Exchange Management Shell and move the clustered mailbox server to the"
                        + " passive node;");
        assertThat(lines).filteredOn(l -> l.startsWith("seed-001-refusals ")).singleElement().asString()
                .endsWith("[--continue-on-error]");
        assertThat(lines).filteredOn(l -> l.startsWith("wait-90-seconds ")).singleElement().asString()
                .contains("(no topology)");

        JsonNode json = exha("scenarios", "--format", "json").json();
        assertThat(json).extracting(s -> s.get("name").asText()).containsExactlyElementsOf(runbooks().toList());
        JsonNode seed000 = null;
        for (JsonNode scenario : json) {
            seed000 = scenario.get("name").asText().equals("seed-000-dr-activation") ? scenario : seed000;
        }
        assertThat(seed000.get("topology").asText()).isEqualTo("topologies/seed-000-san-dr.yaml");
        assertThat(seed000.get("runbook").asText()).isEqualTo("runbooks/seed-000-dr-activation.ps1");
    }

    /** The topology file its header names, or null for none. */
    private static String headerTopology(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("runbooks", name + ".ps1"), StandardCharsets.UTF_8)) {
            if (line.startsWith("# Topology: ")) {
                String file = line.substring("# Topology: ".length()).strip();
                return file.equals("none") ? null : file;
            }
        }
        return null;
    }

    @ParameterizedTest
    @MethodSource("runbooks")
    void everyScenarioRunsItsRunbookOnTheTopologyItsHeaderNames(String name) throws IOException {
        Result scenario = exha("scenario", name, "--format", "json");
        assertThat(scenario.exitCode()).as(scenario.err()).isNotEqualTo(ExhaCli.INTERNAL);
        assertThat(EXIT_CODES).as("every built-in scenario declares its outcome here").containsKey(name);
        assertThat(scenario.exitCode()).as(scenario.err()).isEqualTo(EXIT_CODES.get(name));
        JsonNode s = scenario.json();
        assertThat(s.get("scenario").asText()).isEqualTo(name);
        assertThat(s.get("runbook").asText()).isEqualTo("runbooks/" + name + ".ps1");
        String topology = headerTopology(name);
        if (topology == null) {
            assertThat(s.get("topology").isNull()).isTrue();
        } else {
            assertThat(s.get("topology").asText()).isEqualTo("topologies/" + topology);
            if (scenario.exitCode() != ExhaCli.USAGE) {
                String yamlName = Files.readAllLines(Path.of("topologies", topology), StandardCharsets.UTF_8).stream()
                        .filter(l -> l.startsWith("name: ")).findFirst().orElseThrow().substring(6).strip();
                assertThat(s.get("topologyName").asText()).isEqualTo(yamlName);
            }
        }
        if (scenario.exitCode() != ExhaCli.USAGE) {
            List<String> statements = RunbookParser.parse(name, Files.readString(Path.of("runbooks", name + ".ps1"),
                    StandardCharsets.UTF_8)).statements().stream().map(st -> st.text()).toList();
            List<String> ran = new ArrayList<>();
            s.get("steps").forEach(step -> ran.add(step.get("text").asText()));
            assertThat(ran).containsExactlyElementsOf(statements);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed-001-refusals", "seed-004-cacls-verbatim", "wait-90-seconds"})
    void aScenarioIsExactlyTheRunItsHeaderDescribes(String name) throws IOException {
        JsonNode s = exha("scenario", name, "--format", "json").json();
        JsonNode r = exha(runArguments(name).toArray(String[]::new)).json();
        assertThat(s.get("exitCode")).isEqualTo(r.get("exitCode"));
        assertThat(s.get("topologyName")).isEqualTo(r.get("topologyName"));
        assertThat(s.get("journalDigest")).isEqualTo(r.get("journalDigest"));
        assertThat(s.get("steps")).isEqualTo(r.get("steps"));
    }

    @Test
    void scenarioRunsFromTheJarsResourcesNotTheWorkingDirectory() {
        // The runbooks and topologies are on the class path (target/classes/exha/...), as in the jar.
        assertThat(getClass().getClassLoader().getResource("exha/runbooks/seed-002-scc.ps1")).isNotNull();
        assertThat(getClass().getClassLoader().getResource("exha/topologies/seed-002-scc.yaml")).isNotNull();
        Result r = exha("scenario", "wait-90-seconds", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("steps").get(0).get("end").asText()).isEqualTo("2008-03-01T00:01:30Z");
    }

    @Test
    void scenarioWhatIfPlansSeed001AndNamesTheFirstRefusal() {
        Result r = exha("scenario", "seed-001-refusals", "--what-if", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode failure = r.json().get("firstFailure");
        assertThat(failure.get("text").asText()).isEqualTo("cluster EXCLUSTER group \"EVS2\" /moveto:NODE1");
        assertThat(failure.get("error").get("code").asText()).isEqualTo("cluster.resmon-online-failed");
        assertThat(failure.get("error").get("nativeCode").asText()).isEqualTo("5018 (0x139A)");
    }

    @Test
    void unknownScenarioExitsTwoAndSuggestsTheNearest() {
        Result r = exha("scenario", "seed-002-ssc");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("There is no scenario 'seed-002-ssc'").contains("seed-002-scc");
    }
}
