package io.github.exha.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.exha.core.error.ExhaException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code exha scenarios}: the built-in scenarios, one line each. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "List the built-in scenarios (run one with 'exha scenario NAME'): name, topology, description.")
final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output: text (default) or json.")
    OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Scenarios.Scenario> scenarios = new ArrayList<>();
        try {
            for (String name : Scenarios.names()) {
                scenarios.add(Scenarios.load(name));
            }
        } catch (ExhaException e) {
            spec.commandLine().getErr().println(e.describe());
            return ExhaCli.USAGE;
        }
        switch (format) {
            case TEXT -> {
                int width = scenarios.stream().mapToInt(s -> s.name().length()).max().orElse(0);
                int topologyWidth = scenarios.stream().mapToInt(s -> topology(s).length()).max().orElse(0);
                for (Scenarios.Scenario s : scenarios) {
                    String options = (s.continueOnError() ? " [--continue-on-error]" : "")
                            + (s.declineConfirmations() ? " [--decline-confirmations]" : "");
                    out.println(String.format("%-" + width + "s  %-" + topologyWidth + "s  %s", s.name(), topology(s),
                            s.description() + options).stripTrailing());
                }
            }
            case JSON -> {
                List<Object> list = new ArrayList<>();
                for (Scenarios.Scenario s : scenarios) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", s.name());
                    m.put("runbook", s.runbookLabel());
                    m.put("topology", s.topologyLabel());
                    m.put("continueOnError", s.continueOnError());
                    m.put("declineConfirmations", s.declineConfirmations());
                    m.put("description", s.description());
                    list.add(m);
                }
                try {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("output is plain maps and lists", e);
                }
            }
        }
        return ExhaCli.OK;
    }

    private static String topology(Scenarios.Scenario s) {
        return s.topologyFile() == null ? "(no topology)" : s.topologyFile();
    }
}
