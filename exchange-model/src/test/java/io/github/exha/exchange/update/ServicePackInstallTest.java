package io.github.exha.exchange.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.exchange.clustering.ExchangeLabs;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Exchange 2003 SP1 on a node of the four-node cluster (NODE1/NODE2 and EVS1 at SP1 on NODE1, NODE3/NODE4 and EVS2 at
 * RTM on NODE3): hotfix 831464 first, a restart, SP1, a restart — and each wrong order refused without a change.
 */
class ServicePackInstallTest {
    private static final String HOTFIX = "WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart\n";
    private static final String RESTART = "shutdown /r /t 0\nStart-Sleep -Seconds 300\n";
    private static final String SP1 = "D:\\E3SP1\\setup\\i386\\update.exe\n";

    private final Lab lab = ExchangeLabs.lab("four-node-evs.yaml");
    private final ExchangeDirectory directory = lab.instance(ExchangeDirectory.class);
    private final PendingRestarts restarts = lab.instance(PendingRestarts.class);
    private final Host node4 = lab.instance(Datacenter.class).host("NODE4");
    private final FailoverCluster cluster = lab.instance(Clusters.class).cluster("EXCLUSTER");

    private RunReport on(String node, String lines) {
        return ExchangeLabs.run(lab, "Enter-PSSession " + node + "\n" + lines);
    }

    private static StepResult last(RunReport report) {
        return report.steps().get(report.steps().size() - 1);
    }

    private ExchangeBuild installed(String node) {
        return directory.installation(node).orElseThrow().build();
    }

    @Test
    void servicePackBeforeHotfix831464IsRefusedAndTheNodeKeepsItsBuild() {
        RunReport report = on("NODE4", SP1);
        assertThat(last(report).status()).isEqualTo(StepStatus.FAILED);
        assertThat(last(report).error().code()).isEqualTo(UpdateErrorCode.PREREQUISITE_FAILED.id());
        assertThat(last(report).error().message()).contains("requires hotfix 831464")
                .contains("WindowsServer2003-KB831464-x86-ENU.exe");
        assertThat(installed("NODE4")).isEqualTo(ExchangeBuild.EXCHANGE_2003_RTM);
        assertThat(restarts.isRestartPending("NODE4")).isFalse();
    }

    @Test
    void servicePackWhileTheHotfixRestartIsPendingIsRefused() {
        RunReport report = on("NODE4", HOTFIX + SP1);
        assertThat(report.steps().get(1).status()).isEqualTo(StepStatus.OK);
        assertThat(node4.hasHotfix("KB831464")).isTrue();
        assertThat(last(report).error().message()).contains("A restart of NODE4 is pending after the installation of "
                + "KB831464");
        assertThat(restarts.stagedBuild("NODE4")).isEmpty();
    }

    @Test
    void theNewBuildRunsOnlyAfterTheRestartThatFollowsSetup() {
        RunReport report = on("NODE4", HOTFIX + RESTART + SP1);
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        assertThat(last(report).end()).isEqualTo(last(report).start().plus(ExchangeServicePackSetup.SETUP_TIME));
        // Setup is done but the node still runs RTM: the upgraded EVS1 cannot run there yet.
        assertThat(installed("NODE4")).isEqualTo(ExchangeBuild.EXCHANGE_2003_RTM);
        assertThat(restarts.stagedBuild("NODE4")).contains(ExchangeBuild.EXCHANGE_2003_SP1);
        RunReport early = ExchangeLabs.run(lab, "cluster EXCLUSTER group \"EVS1\" /moveto:NODE4\n");
        assertThat(early.steps().get(0).error().message()).contains("Version of Exchange on this machine does not "
                + "match the version of Exchange server NODE4.");

        assertThat(on("NODE4", RESTART).exitCode()).isZero();
        assertThat(installed("NODE4")).isEqualTo(ExchangeBuild.EXCHANGE_2003_SP1);
        assertThat(restarts.isRestartPending("NODE4")).isFalse();
        RunReport moved = ExchangeLabs.run(lab, "cluster EXCLUSTER group \"EVS1\" /moveto:NODE4\n");
        assertThat(moved.exitCode()).as(moved.steps().toString()).isZero();
        assertThat(cluster.group("EVS1").ownerNode()).contains("NODE4");
    }

    @Test
    void servicePackIsRefusedOnANodeWhereAnEvsRuns() {
        assertThat(on("NODE4", HOTFIX + RESTART).exitCode()).isZero();
        assertThat(ExchangeLabs.run(lab, "cluster EXCLUSTER group \"EVS2\" /moveto:NODE4\n").exitCode()).isZero();

        RunReport report = on("NODE4", SP1);
        assertThat(last(report).error().code()).isEqualTo(UpdateErrorCode.PREREQUISITE_FAILED.id());
        assertThat(last(report).error().message()).contains("Exchange Virtual Server 'EVS2' runs on NODE4")
                .contains("Exchange System Attendant (EVS2)");
        assertThat(restarts.stagedBuild("NODE4")).isEmpty();
    }

    @Test
    void theHotfixPackageRestartsTheComputerItselfUnlessToldNotTo() {
        RunReport report = on("NODE4", "WindowsServer2003-KB831464-x86-ENU.exe /quiet\n");
        assertThat(report.exitCode()).isZero();
        assertThat(last(report).output()).contains("Restarting NODE4 to complete the installation.");
        assertThat(node4.powerState()).isEqualTo(PowerState.SHUTTING_DOWN);
        lab.scheduler().runFor(Duration.ofMinutes(5));
        assertThat(node4.powerState()).isEqualTo(PowerState.ON);
        assertThat(restarts.isRestartPending("NODE4")).isFalse();
    }

    @Test
    void aSecondRunOfTheHotfixFindsItInstalledAndDoesNotRestart() {
        assertThat(on("NODE4", HOTFIX + RESTART).exitCode()).isZero();
        RunReport again = on("NODE4", "WindowsServer2003-KB831464-x86-ENU.exe /passive\n");
        assertThat(last(again).output()).containsExactly("Hotfix for Windows Server 2003 (KB831464) is already "
                + "installed on NODE4.");
        assertThat(node4.powerState()).isEqualTo(PowerState.ON);
    }

    @Test
    void servicePackSetupOnANodeAlreadyAtSp1DoesNothing() {
        RunReport report = on("NODE2", "WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart\n" + RESTART + SP1);
        assertThat(report.exitCode()).isZero();
        assertThat(last(report).output().get(0).toString()).contains("is already installed on NODE2");
        assertThat(restarts.isRestartPending("NODE2")).isFalse();
    }

    @Test
    void norestartCannotBeCombinedWithForcerestartAndNothingRuns() {
        assertThatThrownBy(() -> on("NODE4", "WindowsServer2003-KB831464-x86-ENU.exe /norestart /forcerestart\n"))
                .isInstanceOf(ExhaException.class).hasMessageContaining("/norestart cannot be combined");
        assertThat(node4.hasHotfix("KB831464")).isFalse();
    }

    @Test
    void theX86PackageDoesNotApplyToAnX64Server() {
        Lab x64 = ExchangeLabs.lab("setup-san.yaml");
        RunReport report = ExchangeLabs.run(x64, "Enter-PSSession EXCHMAILBOX1\n" + HOTFIX);
        assertThat(last(report).error().code()).isEqualTo(UpdateErrorCode.NOT_APPLICABLE.id());
        assertThat(last(report).error().message()).contains("is for Windows Server 2003, x86")
                .contains("x64");
        assertThat(x64.instance(Datacenter.class).host("EXCHMAILBOX1").hasHotfix("KB831464")).isFalse();
    }
}
