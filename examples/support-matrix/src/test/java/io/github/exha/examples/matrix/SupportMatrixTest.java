package io.github.exha.examples.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.examples.matrix.SupportMatrix.Outcome;
import io.github.exha.examples.matrix.SupportMatrix.PluginResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code SUPPORT-MATRIX.md} at the repository root equal to what the TCK says today. When a plugin, a capability
 * or a rule changes, this fails and says how to regenerate the file ({@code -Dexha.supportMatrix.write=true}).
 */
class SupportMatrixTest {
    private static final Path COMMITTED = Path.of("../../SUPPORT-MATRIX.md");

    @Test
    void theCommittedSupportMatrixIsWhatTheTckSaysToday() throws IOException {
        List<PluginResults> plugins = SupportMatrix.certifyAll(getClass().getClassLoader());
        assertThat(plugins).extracting(p -> p.provider().vendorId()).containsExactly("async-array", "sim");
        for (PluginResults plugin : plugins) {
            assertThat(plugin.results()).hasSize(SupportMatrix.rules().size());
            assertThat(plugin.count(Outcome.FAILED)).as("rules " + plugin.provider().vendorId() + " fails: "
                    + plugin.results()).isZero();
        }
        String fresh = SupportMatrix.render(plugins);
        if (Boolean.getBoolean("exha.supportMatrix.write")) {
            Files.writeString(COMMITTED, fresh, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED)).as(COMMITTED.toAbsolutePath().normalize() + " is missing; regenerate it"
                + " with -Dexha.supportMatrix.write=true").isTrue();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8)).as("SUPPORT-MATRIX.md is stale. Regenerate it:"
                + " ./mvnw -B verify -pl examples/support-matrix -am -Dtest=SupportMatrixTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dexha.supportMatrix.write=true").isEqualTo(fresh);
    }
}
