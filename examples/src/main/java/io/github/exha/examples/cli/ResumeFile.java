package io.github.exha.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.StepError;
import io.github.exha.upgrade.workflow.StopPoint;
import io.github.exha.upgrade.workflow.Workflow;
import io.github.exha.upgrade.workflow.WorkflowErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state {@code exha run} saves when a run stops at a failed step, and {@code exha run --resume} reads: by default
 * {@code <runbook>.exha-resume.json} next to the runbook ({@code --state FILE} chooses another). It holds the topology
 * file and seed of the world, and each stop of the run so far (a resumed run that stops again adds one): the runbook's
 * text as it ran, the failed step, its error and the journal digest right after it, which the resume's replay must
 * reach again.
 *
 * @param runbook the runbook file, absolute
 * @param topology the topology file, absolute, or null for a run without one
 * @param seed the seed the world used
 * @param stop the last stop (earlier ones through {@link StopPoint#resumedFrom()})
 */
record ResumeFile(Path runbook, Path topology, long seed, StopPoint stop) {
    /** The file format's identifier, first in the file. */
    static final String FORMAT = "exha-resume/1";

    /** Where the state of a run of {@code runbook} goes without {@code --state}. */
    static Path defaultPath(Path runbook) {
        return runbook.resolveSibling(runbook.getFileName() + ".exha-resume.json");
    }

    void save(Path file) throws IOException {
        List<StopPoint> chain = new ArrayList<>();
        for (Optional<StopPoint> s = Optional.of(stop); s.isPresent(); s = s.get().resumedFrom()) {
            chain.add(0, s.get());
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("runbook", runbook.toString());
        root.put("topology", topology == null ? null : topology.toString());
        root.put("seed", seed);
        root.put("declineConfirmations", stop.options().confirmPolicy() == ConfirmPolicy.DECLINE);
        List<Object> stops = new ArrayList<>();
        for (StopPoint s : chain) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runbookFile", s.workflow().name());
            m.put("step", s.step() + 1);
            m.put("line", s.line());
            m.put("text", s.failedStep().name());
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", s.error().code());
            error.put("nativeCode", s.error().nativeCode());
            error.put("message", s.error().message());
            m.put("error", error);
            m.put("journalDigest", s.journalDigest());
            m.put("runbookText", s.workflow().source());
            stops.add(m);
        }
        root.put("stops", stops);
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
                + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Reads a saved state.
     *
     * @throws ExhaException {@link WorkflowErrorCode#NOTHING_TO_RESUME} when there is none or it cannot be read
     */
    static ResumeFile load(Path file, Path runbook) {
        if (!Files.isRegularFile(file)) {
            throw new ExhaException(WorkflowErrorCode.NOTHING_TO_RESUME, "Nothing to resume: there is no saved stop"
                    + " of " + runbook + " at " + file + " (a run saves one there when it stops at a failed step).");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new IOException("not an " + FORMAT + " file");
            }
            ConfirmPolicy confirm = root.path("declineConfirmations").asBoolean() ? ConfirmPolicy.DECLINE
                    : ConfirmPolicy.ACCEPT;
            Optional<StopPoint> stop = Optional.empty();
            for (JsonNode s : root.path("stops")) {
                Workflow workflow = Workflow.ofRunbook(s.path("runbookFile").asText(), s.path("runbookText").asText());
                JsonNode error = s.path("error");
                stop = Optional.of(new StopPoint(workflow, s.path("step").asInt() - 1, new StepError(
                        error.path("code").asText(), error.path("nativeCode").isNull() ? null
                                : error.path("nativeCode").asText(), error.path("message").asText()),
                        s.path("journalDigest").asText(), new RunOptions(false, confirm), stop));
            }
            if (stop.isEmpty()) {
                throw new IOException("it records no stop");
            }
            String topology = root.path("topology").isNull() ? null : root.path("topology").asText();
            return new ResumeFile(Path.of(root.path("runbook").asText()), topology == null ? null : Path.of(topology),
                    root.path("seed").asLong(), stop.get());
        } catch (IOException | RuntimeException e) {
            throw new ExhaException(WorkflowErrorCode.NOTHING_TO_RESUME, "Cannot resume from " + file + ": "
                    + (e instanceof IOException io ? RunbookFiles.describe(io) : e.getMessage())
                    + ". Run the runbook again without --resume.");
        }
    }
}
