package io.github.exha.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** shutdown.exe: returns at once, restarts after its delay, aborts, targets another computer, refuses bad lines. */
class ShutdownCommandTest {
    private final Lab lab = Lab.create(LabSpec.of(TopologySource.text("two-site-scc.yaml", topology())),
            new ClusterModule());
    private final Host node1 = lab.instance(Datacenter.class).host("NODE1");
    private final Host node2 = lab.instance(Datacenter.class).host("NODE2");

    private static String topology() {
        try (InputStream in = ShutdownCommandTest.class.getResourceAsStream("/topologies/two-site-scc.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private RunReport run(String text) {
        return lab.run(RunbookParser.parse("shutdown.ps1", text), RunOptions.defaults());
    }

    @Test
    void restartWithoutDelayReturnsAtOnceAndTheHostIsBackAfterShutdownAndBoot() {
        RunReport report = run("Enter-PSSession NODE1\nshutdown /r /t 0 /c \"Exchange 2003 SP1\"\n");
        assertThat(report.exitCode()).isZero();
        assertThat(report.steps().get(1).end()).isEqualTo(report.steps().get(1).start());
        assertThat(node1.powerState()).isEqualTo(PowerState.SHUTTING_DOWN);
        lab.scheduler().runFor(Host.SHUTDOWN_TIME.plus(Host.BOOT_TIME).plusSeconds(1));
        assertThat(node1.powerState()).isEqualTo(PowerState.ON);
        assertThat(lab.journal().entries()).filteredOn(e -> e.type() == JournalEntry.Type.EVENT_LOG
                && e.name().equals("USER32")).singleElement().satisfies(e -> {
                    assertThat(e.source()).isEqualTo("NODE1");
                    assertThat(e.attribute("message")).contains("initiated the restart of computer NODE1")
                            .contains("Comment: Exchange 2003 SP1");
                });
    }

    @Test
    void withoutTTheShutdownWaitsThirtySecondsAndAbortCancelsIt() {
        assertThat(run("Enter-PSSession NODE1\nshutdown /s\n").exitCode()).isZero();
        lab.scheduler().runFor(Duration.ofSeconds(29));
        assertThat(node1.powerState()).isEqualTo(PowerState.ON);
        assertThat(run("Enter-PSSession NODE1\nshutdown /a\n").exitCode()).isZero();
        lab.scheduler().runFor(Duration.ofMinutes(5));
        assertThat(node1.powerState()).isEqualTo(PowerState.ON);

        RunReport nothing = run("Enter-PSSession NODE1\nshutdown /a\n");
        assertThat(nothing.steps().get(1).error().nativeCode()).startsWith("1116");
    }

    @Test
    void slashMRestartsAnotherComputer() {
        assertThat(run("Enter-PSSession NODE1\nshutdown /r /t 0 /m \\\\NODE2\n").exitCode()).isZero();
        assertThat(node2.powerState()).isEqualTo(PowerState.SHUTTING_DOWN);
        assertThat(node1.powerState()).isEqualTo(PowerState.ON);
        RunReport down = run("Enter-PSSession NODE1\nshutdown /r /t 0 /m \\\\NODE2\n");
        assertThat(down.steps().get(1).error().nativeCode()).startsWith("1722");
    }

    @Test
    void aLineWithoutRSOrAIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> run("Enter-PSSession NODE1\nshutdown /t 0\n")).isInstanceOf(ExhaException.class)
                .hasMessageContaining("Give /r to restart, /s to shut down or /a to abort");
        assertThatThrownBy(() -> run("Enter-PSSession NODE1\nshutdown /r /t soon\n"))
                .isInstanceOf(ExhaException.class).hasMessageContaining("/t takes a number of seconds");
        assertThat(node1.powerState()).isEqualTo(PowerState.ON);
    }
}
