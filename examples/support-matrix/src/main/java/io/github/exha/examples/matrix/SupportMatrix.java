package io.github.exha.examples.matrix;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.exha.storage.spi.Capability;
import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;
import io.github.exha.storage.spi.SpiVersion;
import io.github.exha.storage.tck.StorageContract;
import io.github.exha.storage.tck.StorageTck;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The storage support matrix: runs the TCK ({@link ConfiguredPluginTck}) through the JUnit Platform Launcher for every
 * plugin {@link StorageProviders#load} finds, and renders vendor &times; capability &times; TCK result as Markdown.
 * Nothing in it depends on when or where it ran, so the committed {@code SUPPORT-MATRIX.md} can be compared with a
 * fresh run. {@code main} prints it, or writes it to the file given as the only argument.
 */
public final class SupportMatrix {
    /** What happened to one rule. */
    public enum Outcome {
        /** The plugin keeps the rule. */
        PASSED,
        /** The rule needs a capability the plugin does not claim. */
        SKIPPED,
        /** The plugin breaks the rule. */
        FAILED
    }

    /**
     * One rule's result for one plugin.
     *
     * @param outcome passed, skipped or failed
     * @param reason why it was skipped or failed; empty when it passed
     */
    public record Result(Outcome outcome, String reason) {
    }

    /**
     * One plugin's certification.
     *
     * @param provider the plugin
     * @param results by rule id, in rule order
     */
    public record PluginResults(StorageProvider provider, Map<String, Result> results) {
        public PluginResults {
            results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
        }

        /** How many rules had this outcome. */
        public long count(Outcome outcome) {
            return results.values().stream().filter(r -> r.outcome() == outcome).count();
        }
    }

    /**
     * A TCK rule.
     *
     * @param id {@code 4.7}
     * @param contract the contract class that checks it
     * @param title its display name without the id
     */
    public record Rule(String id, Class<? extends StorageContract> contract, String title) {
    }

    private SupportMatrix() {
    }

    /** Prints the matrix, or writes it to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        String markdown = render(certifyAll(SupportMatrix.class.getClassLoader()));
        if (args.length == 0) {
            System.out.print(markdown);
        } else {
            Files.writeString(Path.of(args[0]), markdown, StandardCharsets.UTF_8);
        }
    }

    /** Every rule of the TCK, in rule order. */
    public static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Class<? extends StorageContract> contract : StorageTck.CONTRACTS) {
            for (Method method : contract.getMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    String id = ruleId(method.getName());
                    String title = method.getAnnotation(DisplayName.class).value().substring(id.length()).trim();
                    rules.add(new Rule(id, contract, title));
                }
            }
        }
        rules.sort(Comparator.comparing(Rule::id, SupportMatrix::compareIds));
        return rules;
    }

    /** Certifies every plugin visible to {@code loader}, sorted by vendor id. */
    public static List<PluginResults> certifyAll(ClassLoader loader) {
        List<PluginResults> all = new ArrayList<>();
        for (StorageProvider provider : StorageProviders.load(loader)) {
            all.add(certify(provider.vendorId(), loader));
        }
        return all;
    }

    /** Runs the whole TCK against the plugin with {@code vendorId}. */
    public static PluginResults certify(String vendorId, ClassLoader loader) {
        StorageProvider provider = StorageProviders.find(loader, vendorId);
        Map<String, Result> byId = new TreeMap<>(SupportMatrix::compareIds);
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ConfiguredPluginTck.class))
                .configurationParameter(ConfiguredPluginTck.VENDOR, vendorId)
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        rule(test).ifPresent(id -> byId.put(id, switch (result.getStatus()) {
                            case SUCCESSFUL -> new Result(Outcome.PASSED, "");
                            case ABORTED -> new Result(Outcome.SKIPPED, reason(result));
                            case FAILED -> new Result(Outcome.FAILED, reason(result));
                        }));
                    }

                    @Override
                    public void executionSkipped(TestIdentifier test, String reason) {
                        rule(test).ifPresent(id -> byId.put(id, new Result(Outcome.SKIPPED, reason)));
                    }
                });
        for (Rule rule : rules()) {
            byId.putIfAbsent(rule.id(), new Result(Outcome.FAILED, "did not run"));
        }
        return new PluginResults(provider, byId);
    }

    private static Optional<String> rule(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(s -> ruleId(((MethodSource) s)
                .getMethodName()));
    }

    private static String reason(TestExecutionResult result) {
        String message = result.getThrowable().map(Throwable::getMessage).orElse("");
        message = message == null ? "" : message.replaceFirst("^Assumption failed: ", "");
        // the first line is enough for a table cell
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).replace("|", "\\|");
    }

    static String ruleId(String methodName) {
        return methodName.replaceFirst("^r(\\d+)_(\\d+)_.*", "$1.$2");
    }

    private static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int major = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    /** The Markdown document. */
    public static String render(List<PluginResults> plugins) {
        StringBuilder md = new StringBuilder();
        md.append("# Storage plugin support matrix\n\n");
        md.append("<!-- Generated from TCK runs by examples/support-matrix (SupportMatrix); do not edit. Regenerate with:\n")
                .append("     ./mvnw -B verify -pl examples/support-matrix -am -Dtest=SupportMatrixTest")
                .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dexha.supportMatrix.write=true -->\n\n");
        md.append("Every storage plugin on the class path of `examples/support-matrix`, certified with the storage TCK ")
                .append("(storage SPI ").append(SpiVersion.CURRENT).append("). A rule is **skipped** when it needs a ")
                .append("capability the plugin does not claim; certified means no rule failed. How to certify a plugin: ")
                .append("[storage-tck/README.md](storage-tck/README.md).\n\n");

        md.append("## Capabilities and results\n\n| vendor | plugin | SPI |");
        for (Capability capability : Capability.values()) {
            md.append(' ').append(capability.name()).append(" |");
        }
        md.append(" passed | skipped | failed |\n|---|---|---|");
        md.append("---|".repeat(Capability.values().length)).append("---|---|---|\n");
        for (PluginResults plugin : plugins) {
            StorageProvider p = plugin.provider();
            md.append("| `").append(p.vendorId()).append("` | ").append(p.displayName()).append(" | ")
                    .append(p.spiVersion()).append(" |");
            for (Capability capability : Capability.values()) {
                md.append(p.capabilities().contains(capability) ? " yes |" : " — |");
            }
            md.append(' ').append(plugin.count(Outcome.PASSED)).append(" | ").append(plugin.count(Outcome.SKIPPED))
                    .append(" | ").append(plugin.count(Outcome.FAILED)).append(" |\n");
        }

        List<Rule> rules = rules();
        md.append("\n## Results per contract\n\n| contract | rules |");
        plugins.forEach(p -> md.append(" `").append(p.provider().vendorId()).append("` |"));
        md.append("\n|---|---|").append("---|".repeat(plugins.size())).append('\n');
        for (Class<? extends StorageContract> contract : StorageTck.CONTRACTS) {
            List<Rule> ofContract = rules.stream().filter(r -> r.contract() == contract).toList();
            md.append("| `").append(contract.getSimpleName()).append("` | ").append(ofContract.size()).append(" |");
            for (PluginResults plugin : plugins) {
                long[] counts = new long[Outcome.values().length];
                ofContract.forEach(r -> counts[plugin.results().get(r.id()).outcome().ordinal()]++);
                md.append(' ').append(counts[0]).append(" passed");
                if (counts[1] > 0) {
                    md.append(", ").append(counts[1]).append(" skipped");
                }
                if (counts[2] > 0) {
                    md.append(", **").append(counts[2]).append(" failed**");
                }
                md.append(" |");
            }
            md.append('\n');
        }

        md.append("\n## Results per rule\n\n| rule |");
        plugins.forEach(p -> md.append(" `").append(p.provider().vendorId()).append("` |"));
        md.append("\n|---|").append("---|".repeat(plugins.size())).append('\n');
        for (Rule rule : rules) {
            md.append("| ").append(rule.id()).append(' ').append(rule.title().replace("|", "\\|")).append(" |");
            for (PluginResults plugin : plugins) {
                Result result = plugin.results().get(rule.id());
                md.append(switch (result.outcome()) {
                    case PASSED -> " passed |";
                    case SKIPPED -> " skipped: " + result.reason() + " |";
                    case FAILED -> " **failed**: " + result.reason() + " |";
                });
            }
            md.append('\n');
        }
        return md.toString();
    }
}
