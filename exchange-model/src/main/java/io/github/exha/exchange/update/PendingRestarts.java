package io.github.exha.exchange.update;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.ServerKind;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What each host waits for a restart to finish: hotfixes installed with {@code /norestart} and an Exchange service
 * pack whose binaries setup has put in place. When the host next boots, the work is done: the node runs the new build
 * (its {@link ExchangeInstallation} changes; a stand-alone server's object too), and nothing is pending any more.
 *
 * <p>CHOICE: the new Exchange build takes effect at the restart, not when setup ends. On a cluster node Microsoft
 * requires the restart (KB328839), and until it the node's Exchange services cannot run the new build; modelling the
 * change at the boot makes every version rule (the System Attendant's version check, the Upgrade Exchange Virtual
 * Server action, the ESE stamp at mount) see the node as not upgraded until it has restarted.
 */
public final class PendingRestarts {
    /** Journal source of the restarts' effects. */
    public static final String SOURCE = "exchange.update";

    private final ExchangeDirectory directory;
    private final Kernel kernel;
    private final Map<String, List<String>> hotfixes = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, ExchangeBuild> staged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** Follows the power of every host of the lab: a boot completes what waits for it. */
    @Inject
    public PendingRestarts(Datacenter datacenter, ExchangeDirectory directory, Kernel kernel) {
        this.directory = directory;
        this.kernel = kernel;
        for (Host host : datacenter.hosts()) {
            host.onPowerTransition(transition -> {
                if (transition.to() == PowerState.ON) {
                    restarted(transition.host());
                }
            });
        }
    }

    /** Whether an installation on {@code host} waits for the host to restart. */
    public boolean isRestartPending(String host) {
        return hotfixes.containsKey(host) || staged.containsKey(host);
    }

    /** What waits for the restart of {@code host}: {@code KB831464}, {@code Exchange 2003 SP1}, in install order. */
    public List<String> pending(String host) {
        List<String> all = new ArrayList<>(hotfixes.getOrDefault(host, List.of()));
        Optional.ofNullable(staged.get(host)).ifPresent(build -> all.add(build.powerShellName()));
        return all;
    }

    /** The Exchange build setup has put on {@code host}, which it runs after its next restart. */
    public Optional<ExchangeBuild> stagedBuild(String host) {
        return Optional.ofNullable(staged.get(host));
    }

    /** Records a hotfix installed on {@code host} that needs a restart to take effect. */
    public void hotfixInstalled(String host, String hotfix) {
        hotfixes.computeIfAbsent(host, h -> new ArrayList<>()).add(hotfix);
    }

    /** Records that setup has put the binaries of {@code build} on {@code host}; they run after the restart. */
    public void stage(String host, ExchangeBuild build) {
        staged.put(host, build);
    }

    private void restarted(String host) {
        List<String> done = pending(host);
        if (done.isEmpty()) {
            return;
        }
        hotfixes.remove(host);
        ExchangeBuild build = staged.remove(host);
        if (build != null) {
            directory.installation(host).ifPresent(installation ->
                    directory.putInstallation(installation.withBuild(build)));
            // A stand-alone server's object carries the build of its one host; an EVS's changes only when upgraded.
            directory.serverOnHost(host).filter(server -> server.kind() == ServerKind.STANDALONE)
                    .filter(server -> build.isNewerThan(server.build()))
                    .map((ExchangeServer server) -> server.withBuild(build)).ifPresent(directory::updateServer);
        }
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, SOURCE, "restart.completed", Map.of("host", host,
                "completed", String.join(", ", done)));
    }
}
