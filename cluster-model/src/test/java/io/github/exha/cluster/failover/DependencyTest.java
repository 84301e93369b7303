package io.github.exha.cluster.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyTest {

    @Test
    void onlineBringsProvidersUpFirstAndOfflineTakesDependentsDownFirst() {
        Lab lab = Lab.of("N1", "N2");
        lab.chain("EVS1", "Disk", "IP", "Name", "SA");
        lab.await(lab.cluster.onlineResource("SA"));
        assertThat(lab.app.onlineOrder).containsExactly("Disk", "IP", "Name", "SA");
        assertThat(lab.groupState("EVS1")).isEqualTo(GroupState.ONLINE);

        lab.await(lab.cluster.offlineResource("Disk"));
        assertThat(lab.app.offlineOrder).containsExactly("SA", "Name", "IP", "Disk");
        assertThat(lab.groupState("EVS1")).isEqualTo(GroupState.OFFLINE);
    }

    @Test
    void takingAResourceOfflineTakesItsDependentsOfflineButNotItsProviders() {
        Lab lab = Lab.of("N1");
        lab.chain("EVS1", "Disk", "IP", "SA");
        lab.await(lab.cluster.onlineGroup("EVS1"));
        lab.await(lab.cluster.offlineResource("IP"));
        assertThat(lab.state("SA")).isEqualTo(ResourceState.OFFLINE);
        assertThat(lab.state("IP")).isEqualTo(ResourceState.OFFLINE);
        assertThat(lab.state("Disk")).isEqualTo(ResourceState.ONLINE);
        assertThat(lab.groupState("EVS1")).isEqualTo(GroupState.PARTIAL_ONLINE);
    }

    @Test
    void aFailedProviderKeepsItsDependentsOfflineAndNeverOnline() {
        Lab lab = Lab.of("N1", "N2");
        lab.chain("EVS1", "Disk", "IP", "SA");
        lab.cluster.setResourcePolicy("Disk", ResourcePolicy.DEFAULT.withRestartAction(RestartAction.DONT_RESTART));
        lab.app.failAlways.add("Disk");
        Operation<Void> online = lab.cluster.onlineResource("SA");
        lab.run(Duration.ofMinutes(30));
        assertThat(online.isFailed()).isTrue();
        assertThat(online.failure().orElseThrow().nativeCode().orElseThrow().number()).isEqualTo(5018);
        assertThat(lab.state("Disk")).isEqualTo(ResourceState.FAILED);
        assertThat(lab.state("IP")).isEqualTo(ResourceState.OFFLINE);
        assertThat(lab.state("SA")).isEqualTo(ResourceState.OFFLINE);
        assertThat(lab.kernel.journal().entries()).noneMatch(e -> "resource.state".equals(e.name())
                && !"Disk".equals(e.attribute("resource")) && !"Offline".equals(e.attribute("to")));
        assertThat(lab.groupState("EVS1")).isEqualTo(GroupState.FAILED);
        assertThat(lab.events(1069)).hasSize(1);
        assertThat(lab.events(1069).get(0).attribute("message"))
                .isEqualTo("Cluster resource 'Disk' in Resource Group 'EVS1' failed.");
    }

    @Test
    void aCycleIsRefusedWithErrorCircularDependencyAndNothingChanges() {
        Lab lab = Lab.of("N1");
        lab.chain("G", "A", "B", "C");
        String digest = lab.kernel.journal().digest();
        assertRefused(() -> lab.cluster.addDependency("A", "C"), ClusterErrorCode.INVALID_DEPENDENCY, 1059);
        assertRefused(() -> lab.cluster.addDependency("A", "A"), ClusterErrorCode.INVALID_DEPENDENCY, 1059);
        assertThat(lab.cluster.resource("A").dependencies()).isEmpty();
        assertThat(lab.kernel.journal().digest()).isEqualTo(digest);
    }

    @Test
    void dependencyErrorsCarryTheirWin32Numbers() {
        Lab lab = Lab.of("N1");
        lab.chain("G1", "A", "B");
        lab.chain("G2", "X");
        String digest = lab.kernel.journal().digest();
        assertRefused(() -> lab.cluster.addDependency("X", "A"), ClusterErrorCode.INVALID_DEPENDENCY, 87);
        assertRefused(() -> lab.cluster.addDependency("B", "A"), ClusterErrorCode.DEPENDENCY_ALREADY_EXISTS, 5003);
        assertRefused(() -> lab.cluster.removeDependency("A", "B"), ClusterErrorCode.DEPENDENCY_NOT_FOUND, 5002);
        assertRefused(() -> lab.cluster.addDependency("A", "Nope"), ClusterErrorCode.RESOURCE_NOT_FOUND, 5007);
        assertRefused(() -> lab.cluster.deleteResource("A"), ClusterErrorCode.DEPENDENT_RESOURCE_EXISTS, 5001);
        assertThat(lab.kernel.journal().digest()).isEqualTo(digest);
        assertThat(lab.cluster.resource("B").dependencies()).containsExactly("A");
        assertThat(lab.cluster.resource("X").dependencies()).isEmpty();
        assertThatThrownBy(() -> lab.cluster.removeDependency("A", "B"))
                .hasMessageContaining("The cluster resource dependency cannot be found.".replace(".", ""));
    }

    @Test
    void onWindows2003ADependencyNeedsTheDependentOfflineButOn2008ItDoesNot() {
        Lab lab = Lab.of("N1");
        lab.chain("G", "A", "B");
        lab.cluster.createResource("G", "C", "App");
        lab.await(lab.cluster.onlineGroup("G"));
        assertRefused(() -> lab.cluster.addDependency("B", "C"), ClusterErrorCode.RESOURCE_ONLINE, 5019);
        assertThat(lab.cluster.resource("B").dependencies()).containsExactly("A");

        Lab lab2008 = new Lab(1, ClusterVersion.WINDOWS_2008, "N1");
        lab2008.chain("G", "A", "B");
        lab2008.cluster.createResource("G", "C", "App");
        lab2008.await(lab2008.cluster.onlineGroup("G"));
        lab2008.cluster.addDependency("B", "C");
        assertThat(lab2008.cluster.resource("B").dependencies()).containsExactly("A", "C");
    }

    @Test
    void namesAreUniqueAndUnknownObjectsAreReported() {
        Lab lab = Lab.of("N1");
        lab.chain("G", "A");
        assertRefused(() -> lab.cluster.createGroup("g"), ClusterErrorCode.OBJECT_ALREADY_EXISTS, 5010);
        assertRefused(() -> lab.cluster.createResource("G", "a", "App"), ClusterErrorCode.OBJECT_ALREADY_EXISTS, 5010);
        assertRefused(() -> lab.cluster.createResource("Nope", "Z", "App"), ClusterErrorCode.GROUP_NOT_FOUND, 5013);
        assertRefused(() -> lab.cluster.createResource("G", "Z", "Nope"), ClusterErrorCode.RESOURCE_TYPE_NOT_FOUND, 5078);
        assertRefused(() -> lab.cluster.onlineResource("Nope"), ClusterErrorCode.RESOURCE_NOT_FOUND, 5007);
        assertRefused(() -> lab.cluster.moveGroup("G", "N9"), ClusterErrorCode.NODE_NOT_FOUND, 5042);
        assertRefused(() -> lab.cluster.deleteGroup("G"), ClusterErrorCode.INVALID_STATE, 145);
        lab.await(lab.cluster.onlineResource("A"));
        assertRefused(() -> lab.cluster.deleteResource("A"), ClusterErrorCode.RESOURCE_ONLINE, 5019);
        lab.await(lab.cluster.offlineResource("A"));
        lab.cluster.deleteResource("A");
        lab.cluster.deleteGroup("G");
        assertThat(lab.cluster.groups()).isEmpty();
    }

    static void assertRefused(Runnable action, ClusterErrorCode code, int win32) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.nativeCode().orElseThrow().number()).isEqualTo(win32);
        });
    }

    static List<String> names(List<ResourcePlacement> placements) {
        return placements.stream().map(ResourcePlacement::resource).toList();
    }
}
