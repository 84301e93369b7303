package io.github.exha.examples.asyncarray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * "Certified" means no failure and every skip a capability the vendor deliberately does not claim. This test pins the
 * second half: it runs the certification through the JUnit Platform and checks that exactly the rules of the unclaimed
 * capabilities were skipped, so a capability added or dropped by mistake shows up here.
 */
class AsyncArraySkippedRulesTest {
    @Test
    void exactlyTheRulesOfUnclaimedCapabilitiesAreSkipped() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(AsyncArrayCertificationTest.class))
                .execute().testEvents();
        assertEquals(Set.of(), rules(tests, TestExecutionResult.Status.FAILED), "rules the plugin breaks");
        assertEquals(new TreeSet<>(Set.of(
                "4.7", "4.12", "4.14",  // SYNC_REPLICATION: replicates only asynchronously
                "4.16",                 // INCREMENTAL_RESUME: resume copies every written chunk
                "4.17",                 // SPLIT
                "4.20",                 // REVERSE
                "4.22")),               // RESYNC_TARGET_TO_SOURCE: the source always wins
                rules(tests, TestExecutionResult.Status.ABORTED), "rules skipped by a capability assumption");
    }

    private static Set<String> rules(Events tests, TestExecutionResult.Status status) {
        Set<String> rules = new TreeSet<>();
        tests.finished().stream().filter(e -> e.getPayload(TestExecutionResult.class)
                        .map(r -> r.getStatus() == status).orElse(false))
                .map(e -> e.getTestDescriptor().getSource().orElseThrow())
                .map(source -> ((MethodSource) source).getMethodName().replaceFirst("^r(\\d+)_(\\d+)_.*", "$1.$2"))
                .forEach(rules::add);
        return rules;
    }
}
