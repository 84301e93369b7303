package io.github.exha.cluster.validation;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.HostErrorCode;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.storage.spi.StorageException;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code Test-Cluster}, with the syntax of the Windows Server 2008 R2 FailoverClusters cmdlet, standing for the
 * Windows Server 2008 "Validate a Configuration" wizard (seed 004: "run only tests I select", Storage unchecked for a
 * CCR cluster):
 *
 * <pre>
 * Test-Cluster [[-Node] &lt;string[]&gt;] [-Cluster &lt;string&gt;] [-Include &lt;string[]&gt;] [-Ignore &lt;string[]&gt;]
 *              [-ReportName &lt;path&gt;] [-List]
 * </pre>
 *
 * <p>It runs on the session's host ({@code Enter-PSSession}), which must run Windows Server 2008. {@code -Node}
 * names the servers, {@code -Cluster} an existing cluster whose nodes are validated (with {@code -Node} too, the
 * servers that would join it). {@code -Include} and {@code -Ignore} take the categories {@code Inventory},
 * {@code Network}, {@code Storage}, {@code System Configuration} or test names, ignoring case. {@code -List} lists
 * the selected tests without running them.
 *
 * <p>The report is written as text onto the session host's simulated volumes: by default
 * {@code C:\Windows\Cluster\Reports\Validation Report <yyyy.MM.dd> At <HH.mm.ss>.mht} in virtual time; a
 * {@code -ReportName} without a drive goes to that folder, and {@code .mht} is added unless the name ends in
 * {@code .mht} or {@code .htm}. Missing folders are created; a report of the same name is replaced.
 *
 * <p>Results. The output lists every test's result, the reasons for each one that did not succeed, the verdict and
 * the report's path. As the cmdlet does, a validation whose tests fail still completes: the step succeeds, and each
 * test with a warning, a failure or a cancellation, and a verdict other than passed, is written as a
 * {@code WARNING:} line (journaled), so a runbook's report shows it. The journal also gets a
 * {@code cluster.validation} note with the verdict and the counts, which checkers can read. Only bad input throws:
 * the {@link ValidationErrorCode}s, raised when the step runs, before any test.
 */
public final class TestCluster implements Command {
    /** Where the wizard keeps its reports. */
    public static final String REPORT_FOLDER = "C:\\Windows\\Cluster\\Reports";

    private static final String NODE = "Node";
    private static final String CLUSTER = "Cluster";
    private static final String INCLUDE = "Include";
    private static final String IGNORE = "Ignore";
    private static final String REPORT_NAME = "ReportName";
    private static final String LIST = "List";
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Test-Cluster", List.of(),
            CommandSyntax.CMDLET, "Run the cluster validation tests on servers or an existing cluster (2008).",
            List.of(ParameterDescriptor.named(NODE, ParameterType.arrayOf(ParameterType.string()),
                            "The servers to validate, for example NODE1,NODE2.").at(0),
                    ParameterDescriptor.named(CLUSTER, ParameterType.string(),
                            "An existing cluster whose nodes to validate."),
                    ParameterDescriptor.named(INCLUDE, ParameterType.arrayOf(ParameterType.string()),
                            "Run only these categories or tests: Inventory, Network, Storage, System Configuration."),
                    ParameterDescriptor.named(IGNORE, ParameterType.arrayOf(ParameterType.string()),
                            "Leave out these categories or tests."),
                    ParameterDescriptor.named(REPORT_NAME, ParameterType.string(),
                            "Where to write the report, for example C:\\Reports\\Validation."),
                    ParameterDescriptor.named(LIST, ParameterType.switchParameter(),
                            "List the selected tests without running them.")),
            false, ConfirmImpact.NONE, true);

    private final Datacenter datacenter;
    private final Clusters clusters;
    private final Kernel kernel;

    /** The command over the lab's hosts and clusters. */
    @Inject
    public TestCluster(Datacenter datacenter, Clusters clusters, Kernel kernel) {
        this.datacenter = datacenter;
        this.clusters = clusters;
        this.kernel = kernel;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Host session = datacenter.host(context.requireHost());
        if (!ClusterValidation.validates(session.os().version())) {
            throw new ExhaException(ValidationErrorCode.NOT_AVAILABLE, "The term 'Test-Cluster' is not recognized as the"
                    + " name of a cmdlet on " + session.name() + ", which runs " + session.os().caption() + ": cluster"
                    + " validation arrived with Windows Server 2008. Run it from a Windows Server 2008 host (for a"
                    + " Windows Server 2003 cluster, the separate ClusPrep tool validates).");
        }
        ValidationSelection selection = ValidationSelection.parse(strings(arguments, INCLUDE), strings(arguments, IGNORE));
        if (arguments.flag(LIST)) {
            for (ValidationTest test : ValidationTest.values()) {
                if (selection.includes(test)) {
                    context.write(PsObject.builder("ClusterValidationTest").add("Category", test.category().displayName())
                            .add("DisplayName", test.displayName()).add("Description", test.description())
                            .tableColumns("Category", "DisplayName").build());
                }
            }
            return;
        }
        ValidationTarget target = ValidationTarget.of(datacenter, clusters, strings(arguments, NODE),
                arguments.string(CLUSTER).orElse(null));
        ValidationReport report = new ClusterValidation(context.clock()).validate(target, selection);
        WindowsPath path = session.resolve(reportPath(arguments.string(REPORT_NAME).orElse(null), report));
        context.await(write(path, report.render(), session));

        ValidationSummary summary = report.summary();
        for (TestReport test : report.tests()) {
            context.write(test.qualifiedName() + ": " + test.result().displayName());
            if (test.result() != TestResult.PASSED) {
                test.messages().forEach(message -> context.write("    " + message));
            }
            switch (test.result()) {
                case PASSED -> {
                    // Nothing to draw attention to.
                }
                case WARNING -> context.warn(test.qualifiedName() + ": The test reported some warnings.");
                case FAILED -> context.warn(test.qualifiedName() + ": The test failed.");
                case CANCELLED -> context.warn(test.qualifiedName() + ": The test was canceled.");
            }
        }
        context.write("Test Result: " + summary.verdict().words() + " (" + summary.counts() + ")");
        context.write(summary.message());
        context.write("Test report file path: " + path);
        if (summary.verdict() != ValidationVerdict.PASSED) {
            context.warn("Test Result: " + summary.verdict().words() + ". " + summary.message());
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("nodes", String.join(",", report.nodes()));
        report.cluster().ifPresent(cluster -> attributes.put("cluster", cluster));
        attributes.put("verdict", summary.verdict().name());
        attributes.put("passed", Integer.toString(summary.passed()));
        attributes.put("warnings", Integer.toString(summary.warnings()));
        attributes.put("failed", Integer.toString(summary.failed()));
        attributes.put("cancelled", Integer.toString(summary.cancelled()));
        attributes.put("report", path.toString());
        context.journal().append(JournalEntry.Type.NOTE, session.name(), "cluster.validation", attributes);
    }

    private static List<String> strings(Arguments arguments, String name) {
        List<String> out = new ArrayList<>();
        arguments.get(name).ifPresent(value -> ((List<?>) value).forEach(item -> out.add(item.toString())));
        return out;
    }

    /** The report's full path: the wizard's default, or {@code -ReportName} completed. */
    static String reportPath(String reportName, ValidationReport report) {
        if (reportName == null || reportName.isBlank()) {
            return REPORT_FOLDER + "\\" + report.fileName();
        }
        String name = reportName.strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".mht") && !lower.endsWith(".htm")) {
            name = name + ".mht";
        }
        boolean full = name.length() >= 2 && name.charAt(1) == ':';
        return full ? name : REPORT_FOLDER + "\\" + (name.startsWith("\\") ? name.substring(1) : name);
    }

    /**
     * Writes the report, creating missing folders and replacing an older report of the same name. The operation
     * completes when the volume's device acknowledged every write (at once on the system disk).
     */
    private Operation<Void> write(WindowsPath path, String text, Host host) {
        Volume volume = path.volume();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        String inside = path.path();
        int slash = inside.indexOf('\\', 1);
        while (slash > 0) {
            String folder = inside.substring(0, slash);
            if (!volume.exists(folder)) {
                writes.add(volume.createDirectory(folder));
            }
            slash = inside.indexOf('\\', slash + 1);
        }
        if (volume.exists(inside)) {
            writes.add(volume.delete(inside));
        }
        writes.add(volume.createFile(inside));
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writes.add(volume.write(inside, 0, bytes, 0, bytes.length));
        Operation<Void> operation = kernel.operations().create("write validation report " + path + " on " + host.name());
        operation.waitingFor("the disk of " + path.drive() + " on " + host.name() + " to acknowledge the report");
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure == null) {
                operation.complete(null);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            String message = "The validation report could not be written to " + path + ": " + cause.getMessage();
            if (cause instanceof ExhaException exha) {
                operation.fail(exha);
            } else if (cause instanceof StorageException) {
                operation.fail(new ExhaException(HostErrorCode.STORAGE_REFUSED, message, null, null, cause));
            } else {
                operation.fail(new ExhaException(ClusterErrorCode.INTERNAL, message, null, null, cause));
            }
        });
        return operation;
    }
}
