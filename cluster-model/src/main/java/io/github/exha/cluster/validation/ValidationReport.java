package io.github.exha.cluster.validation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The report of one validation: what was validated, when, each test's result and the verdict.
 *
 * @param started the virtual instant the validation ran at (it takes no virtual time)
 * @param cluster the existing cluster validated, or empty when servers were validated before creating a cluster
 * @param nodes the validated servers' computer names
 * @param selection the tests that were selected
 * @param tests each selected test's report, in the order they ran
 */
public record ValidationReport(Instant started, Optional<String> cluster, List<String> nodes,
        ValidationSelection selection, List<TestReport> tests) {
    /** The wizard names its reports after the time they were made: {@code Validation Report 2008.03.01 At 08.00.00}. */
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy.MM.dd 'At' HH.mm.ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Validates the values and copies the lists. */
    public ValidationReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(selection, "selection");
        nodes = List.copyOf(nodes);
        tests = List.copyOf(tests);
    }

    /** The report of {@code test}, if it was selected. */
    public Optional<TestReport> test(ValidationTest test) {
        return tests.stream().filter(report -> report.test() == test).findFirst();
    }

    /** The tests that did not succeed: warnings, failures and cancellations, in the order they ran. */
    public List<TestReport> problems() {
        return tests.stream().filter(report -> report.result() != TestResult.PASSED).toList();
    }

    /** How many tests had {@code result}. */
    public int count(TestResult result) {
        return (int) tests.stream().filter(report -> report.result() == result).count();
    }

    /** The overall outcome: failed if any test failed or could not run, else with warnings if any warned. */
    public ValidationVerdict verdict() {
        if (count(TestResult.FAILED) + count(TestResult.CANCELLED) > 0) {
            return ValidationVerdict.FAILED;
        }
        return count(TestResult.WARNING) > 0 ? ValidationVerdict.PASSED_WITH_WARNINGS : ValidationVerdict.PASSED;
    }

    /** The counts of each result, the verdict and the wizard's closing sentence. */
    public ValidationSummary summary() {
        ValidationVerdict verdict = verdict();
        return new ValidationSummary(count(TestResult.PASSED), count(TestResult.WARNING), count(TestResult.FAILED),
                count(TestResult.CANCELLED), verdict, verdict.message(selection.isComplete()));
    }

    /** The report's file name as the wizard makes it: {@code Validation Report 2008.03.01 At 08.00.00.mht}. */
    public String fileName() {
        return "Validation Report " + FILE_TIME.format(started) + ".mht";
    }

    /** The report as plain text: header, summary, then each category's tests with their messages. */
    public String render() {
        StringBuilder out = new StringBuilder();
        String title = "Failover Cluster Validation Report";
        out.append(title).append('\n').append("=".repeat(title.length())).append('\n');
        out.append("Cluster:  ").append(cluster.orElse("(none: servers validated before creating a cluster)")).append('\n');
        out.append("Nodes:    ").append(String.join(", ", nodes)).append('\n');
        out.append("Started:  ").append(SHOWN_TIME.format(started)).append(" (virtual time)").append('\n');
        out.append("Tests:    ").append(String.join(", ", selection.categories().stream()
                .map(ValidationCategory::displayName).toList()));
        if (!selection.isComplete()) {
            out.append(" (only the tests selected");
            if (!selection.skippedCategories().isEmpty()) {
                out.append("; not run: ").append(String.join(", ", selection.skippedCategories().stream()
                        .map(ValidationCategory::displayName).toList()));
            }
            out.append(')');
        }
        out.append("\n\n");
        ValidationSummary summary = summary();
        out.append("Summary: ").append(summary.verdict().words()).append(" (").append(summary.counts()).append(")\n");
        out.append(summary.message()).append('\n');
        for (ValidationCategory category : selection.categories()) {
            out.append('\n').append(category.displayName()).append('\n');
            for (TestReport report : tests) {
                if (report.category() != category) {
                    continue;
                }
                out.append("  ").append(report.name()).append(": ").append(report.result().displayName()).append('\n');
                for (String message : report.messages()) {
                    out.append("      ").append(message).append('\n');
                }
            }
        }
        return out.toString();
    }
}
