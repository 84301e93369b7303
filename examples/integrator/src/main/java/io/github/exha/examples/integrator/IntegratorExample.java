package io.github.exha.examples.integrator;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.resources.NetworkNameType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.ExamplesModule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The integrator's program: composes exha's modules with its own ({@link ArchiveConnectorModule}), builds a lab from
 * a topology, deploys the custom connector resource into the clustered mailbox server's group, crashes the node that
 * runs it, and reads the outcome from its own runbook command and from the journal. Each step is a public method, so
 * a test (see {@code IntegratorExampleTest}) drives the same path and asserts on it.
 *
 * <p>Run it with {@code java -cp ... io.github.exha.examples.integrator.IntegratorExample [topology.yaml]}; without an
 * argument it uses {@code topologies/integrator-ccr.yaml} of this module.
 */
public final class IntegratorExample {
    /** The cluster of the example topology. */
    public static final String CLUSTER = "CCRCLUSTER";
    /** The clustered mailbox server, whose cluster group the connector joins. */
    public static final String CMS = "CCRCMS";
    /** The connector's resource name. */
    public static final String CONNECTOR = "Archive Connector (" + CMS + ")";
    /** The runbook the integrator's automation runs to check the connector. */
    public static final String CHECK = "Test-ArchiveConnector -Identity \"" + CONNECTOR + "\"\n";

    private IntegratorExample() {
    }

    /** A lab with every exha module, as the {@code exha} command builds it, plus the integrator's module. */
    public static Lab createLab(Path topology) {
        return Lab.create(LabSpec.of(TopologySource.file(topology)), new ExamplesModule(), new ArchiveConnectorModule());
    }

    /**
     * Adds the connector to the CMS's group, depending on the CMS's Network Name (it registers under that name), and
     * brings it online on the node that owns the group; returns that node.
     */
    public static String deployConnector(Lab lab) {
        FailoverCluster cluster = lab.instance(Clusters.class).cluster(CLUSTER);
        cluster.createResource(CMS, CONNECTOR, ArchiveConnectorType.NAME);
        String networkName = cluster.group(CMS).resources().stream()
                .filter(name -> cluster.resource(name).type().name().equals(NetworkNameType.NAME))
                .findFirst().orElseThrow();
        cluster.addDependency(CONNECTOR, networkName);
        lab.await(cluster.onlineResource(CONNECTOR));
        return cluster.group(CMS).ownerNode().orElseThrow();
    }

    /** Runs the integrator's check through exha's runbook runner. */
    public static RunReport check(Lab lab) {
        return lab.run(RunbookParser.parse("check-connector.ps1", CHECK), RunOptions.defaults());
    }

    /**
     * The failure: the node that owns the CMS crashes (a blue screen) and the cluster is given five minutes of virtual
     * time to notice and fail the group over. Returns the crashed node.
     */
    public static String crashActiveNode(Lab lab) {
        String active = lab.instance(Clusters.class).cluster(CLUSTER).group(CMS).ownerNode().orElseThrow();
        Host host = lab.instance(Datacenter.class).host(active);
        host.crash();
        lab.scheduler().runFor(Duration.ofMinutes(5));
        return active;
    }

    /** The journal's entries about the connector: the engine's resource states and the connector's own. */
    public static List<JournalEntry> connectorJournal(Lab lab) {
        return lab.journal().entries().stream()
                .filter(e -> CONNECTOR.equals(e.attributes().get("resource")))
                .toList();
    }

    /** The resource as the cluster sees it now. */
    public static ClusterResource connector(Lab lab) {
        return lab.instance(Clusters.class).cluster(CLUSTER).resource(CONNECTOR);
    }

    /** Runs the whole example and prints what happened. */
    public static void main(String[] args) {
        Path topology = Path.of(args.length > 0 ? args[0] : "topologies/integrator-ccr.yaml");
        PrintStream out = System.out;
        Lab lab = createLab(topology);
        out.println("Connector online on " + deployConnector(lab));
        print(out, check(lab));
        out.println("Crashed " + crashActiveNode(lab));
        print(out, check(lab));
        out.println("Journal of " + CONNECTOR + ":");
        for (JournalEntry entry : connectorJournal(lab)) {
            out.println("  " + entry.time() + " " + entry.source() + " " + entry.name() + " " + entry.attributes());
        }
    }

    private static void print(PrintStream out, RunReport report) {
        for (StepResult step : report.steps()) {
            out.println("> " + step.text().strip() + "  [" + step.status() + "]");
            for (Object item : step.output()) {
                if (item instanceof PsObject object) {
                    object.properties().forEach(p -> out.println("  " + p.name() + " : " + p.value()));
                } else {
                    out.println(item);
                }
            }
            if (step.error() != null) {
                out.println(step.error());
            }
        }
    }
}
