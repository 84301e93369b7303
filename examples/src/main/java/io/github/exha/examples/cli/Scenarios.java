package io.github.exha.examples.cli;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The built-in scenarios: the runbooks of {@code examples/runbooks}, packaged in the CLI's jar under
 * {@value #RUNBOOKS} with the topologies of {@code examples/topologies} under {@value #TOPOLOGIES}. A scenario's name
 * is its runbook's file name without {@code .ps1}. Its runbook says which topology it runs on, and with which options,
 * in header comments before its first command:
 *
 * <pre>
 * # Topology: seed-001-evs-rolling-upgrade.yaml
 * # Options: --continue-on-error
 * </pre>
 *
 * <p>{@code Topology: none} (or no Topology line) runs it on an empty world, as {@code exha run} without
 * {@code --topology}. The options are those of {@code exha run}: {@code --continue-on-error},
 * {@code --decline-confirmations}. The first sentence of the other comments describes the scenario in
 * {@code exha scenarios}.
 */
final class Scenarios {
    /** Where the runbooks are on the class path. */
    static final String RUNBOOKS = "exha/runbooks";
    /** Where the topologies are on the class path. */
    static final String TOPOLOGIES = "exha/topologies";

    private Scenarios() {
    }

    /**
     * A built-in scenario.
     *
     * @param name the runbook's file name without {@code .ps1}
     * @param runbookText the runbook
     * @param topologyFile the topology's file name, or null for an empty world
     * @param topologyText the topology's YAML, or null
     * @param continueOnError whether its header asks for {@code --continue-on-error}
     * @param declineConfirmations whether its header asks for {@code --decline-confirmations}
     * @param description the first descriptive comment line
     */
    record Scenario(String name, String runbookText, String topologyFile, String topologyText, boolean continueOnError,
            boolean declineConfirmations, String description) {
        /** The runbook as the output names it. */
        String runbookLabel() {
            return "runbooks/" + name + ".ps1";
        }

        /** The topology as the output names it, or null. */
        String topologyLabel() {
            return topologyFile == null ? null : "topologies/" + topologyFile;
        }
    }

    /** The names of every built-in scenario, sorted. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String file : list(RUNBOOKS)) {
            if (file.endsWith(".ps1")) {
                names.add(file.substring(0, file.length() - ".ps1".length()));
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Loads a scenario with its topology.
     *
     * @throws ExhaException {@link CoreErrorCode#INVALID_ARGUMENT} for an unknown name (with the nearest one), a bad
     *     header or a topology the jar does not carry
     */
    static Scenario load(String name) {
        String runbook = resource(RUNBOOKS + "/" + name + ".ps1").orElseThrow(() -> new ExhaException(
                CoreErrorCode.INVALID_ARGUMENT, "There is no scenario '" + name + "'."
                        + NearestNames.didYouMean(name, names(), "") + " 'exha scenarios' lists them."));
        String label = "runbooks/" + name + ".ps1";
        String topology = null;
        boolean continueOnError = false;
        boolean decline = false;
        String description = "";
        boolean describing = false;
        String[] lines = runbook.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("#")) {
                break;
            }
            String comment = line.substring(1).strip();
            String key = comment.toLowerCase(Locale.ROOT);
            if (key.startsWith("topology:")) {
                String value = comment.substring("topology:".length()).strip();
                topology = value.equalsIgnoreCase("none") ? null : value;
            } else if (key.startsWith("options:")) {
                for (String option : comment.substring("options:".length()).strip().split("\\s+")) {
                    switch (option) {
                        case "--continue-on-error" -> continueOnError = true;
                        case "--decline-confirmations" -> decline = true;
                        case "" -> {
                            // "# Options:" with nothing after it
                        }
                        default -> throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, label + ":" + (i + 1)
                                + ": unknown scenario option '" + option + "' (known: --continue-on-error,"
                                + " --decline-confirmations).");
                    }
                }
            } else if (key.startsWith("run with:")) {
                describing = false;
            } else if (description.isEmpty()) {
                describing = true;
                description = comment;
            } else if (describing) {
                description = description + " " + comment;
            }
            // The description is the first sentence, which may wrap over several comment lines.
            if (describing && (description.endsWith(".") || description.contains(". ") || comment.isEmpty())) {
                describing = false;
                int end = description.indexOf(". ");
                description = end < 0 ? description : description.substring(0, end + 1);
            }
        }
        String topologyText = null;
        if (topology != null) {
            String file = topology;
            topologyText = resource(TOPOLOGIES + "/" + file).orElseThrow(() -> new ExhaException(
                    CoreErrorCode.INVALID_ARGUMENT, label + ": its header names the topology '" + file
                            + "', which is not among the built-in topologies." + NearestNames.didYouMean(file,
                                    list(TOPOLOGIES), "")));
        }
        return new Scenario(name, runbook, topology, topologyText, continueOnError, decline, description);
    }

    private static Optional<String> resource(String path) {
        try (InputStream in = Scenarios.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file names in a class-path directory: a directory of {@code target/classes} when run from the build, a
     * folder of the jar when run from it.
     */
    private static List<String> list(String directory) {
        URL url = Scenarios.class.getClassLoader().getResource(directory);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return names(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return names(jar.getPath(directory));
            } catch (FileSystemAlreadyExistsException e) {
                return names(FileSystems.getFileSystem(uri).getPath(directory));
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the built-in " + directory + ": " + e, e);
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString().replace("/", "")).sorted().toList();
        }
    }
}
