package io.github.exha.exchange.update;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.run.ReportSection;
import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeInstallation;
import io.github.exha.exchange.config.ExchangeServer;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report section {@code exchangeBuilds}: at the end of a run, the build of every Exchange server object (what ESM
 * shows; for a clustered server, the node its group is on) and of the Exchange binaries on every host, with the host's
 * hotfixes and what waits for its restart. The text output prints a line for each host whose restart is pending.
 */
public final class ExchangeBuildsReport implements ReportSection {
    private final ExchangeDirectory directory;
    private final Datacenter datacenter;
    private final Clusters clusters;
    private final PendingRestarts restarts;

    /** The report over the lab's directory and hosts. */
    @Inject
    public ExchangeBuildsReport(ExchangeDirectory directory, Datacenter datacenter, Clusters clusters,
            PendingRestarts restarts) {
        this.directory = directory;
        this.datacenter = datacenter;
        this.clusters = clusters;
        this.restarts = restarts;
    }

    @Override
    public String name() {
        return "exchangeBuilds";
    }

    @Override
    public Object content() {
        Map<String, Object> servers = new LinkedHashMap<>();
        for (ExchangeServer server : directory.servers()) {
            Map<String, Object> m = version(server.build());
            m.put("kind", server.kind().name());
            server.cluster().ifPresent(placement -> m.put("node", clusters.cluster(placement.clusterName()).groups()
                    .stream().filter(g -> g.name().equalsIgnoreCase(server.name())).findFirst()
                    .flatMap(g -> g.ownerNode()).orElse(null)));
            servers.put(server.name(), m);
        }
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (ExchangeInstallation installation : directory.installations()) {
            Map<String, Object> m = version(installation.build());
            datacenter.findHost(installation.host()).map(Host::hotfixes).ifPresent(h -> m.put("hotfixes", h));
            m.put("restartPending", restarts.isRestartPending(installation.host()));
            m.put("afterRestart", restarts.stagedBuild(installation.host()).map(ExchangeBuild::buildNumber)
                    .orElse(null));
            hosts.put(installation.host(), m);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("servers", servers);
        content.put("hosts", hosts);
        return content;
    }

    /** One line per host whose restart is still pending: an upgrade a runbook left unfinished. */
    @Override
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (ExchangeInstallation installation : directory.installations()) {
            if (restarts.isRestartPending(installation.host())) {
                lines.add("Restart pending on " + installation.host() + " (" + String.join(", ",
                        restarts.pending(installation.host())) + "); it runs " + installation.build().displayVersion()
                        + " until then.");
            }
        }
        return lines;
    }

    private static Map<String, Object> version(ExchangeBuild build) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("build", build.buildNumber());
        m.put("version", build.displayVersion());
        m.put("release", build.powerShellName());
        return m;
    }
}
