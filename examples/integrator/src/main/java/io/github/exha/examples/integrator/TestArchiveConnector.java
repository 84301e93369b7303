package io.github.exha.examples.integrator;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.Identity;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * A custom runbook command, {@code Test-ArchiveConnector [-Identity] <resource>}: reads the lab and reports where the
 * connector resource is, its cluster state and whether the connector really runs there — the check an integrator's
 * automation runs after a failover. It changes nothing.
 */
public final class TestArchiveConnector implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Test-ArchiveConnector", List.of(),
            CommandSyntax.CMDLET, "Report where a Contoso Archive Connector resource runs and whether it is healthy.",
            List.of(ParameterDescriptor.named("Identity", ParameterType.identity("Contoso.ArchiveConnector"),
                    "The connector's cluster resource name.").required().at(0)),
            false, ConfirmImpact.NONE, false);

    private final Clusters clusters;
    private final ArchiveConnectorType connectors;

    /** The command over the lab's clusters and the lab's connector type. */
    @Inject
    public TestArchiveConnector(Clusters clusters, ArchiveConnectorType connectors) {
        this.clusters = clusters;
        this.connectors = connectors;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Identity identity = arguments.identity("Identity").orElseThrow();
        for (FailoverCluster cluster : clusters.clusters()) {
            for (ClusterResource resource : cluster.resources()) {
                if (identity.matches(resource.name()) && resource.type() == connectors) {
                    Optional<ArchiveConnectorType.Running> running = connectors.running(cluster.name(),
                            resource.name());
                    context.write(PsObject.builder("Contoso.ArchiveConnectorStatus")
                            .add("Identity", resource.name())
                            .add("Cluster", cluster.name())
                            .add("Group", resource.groupName())
                            .add("State", resource.state().displayName())
                            .add("Node", resource.hostNode().orElse(null))
                            .add("Healthy", running.isPresent() && running.get().node().equals(
                                    resource.hostNode().orElse("")))
                            .add("RunningSince", running.map(r -> r.since().toString()).orElse(null))
                            .tableColumns("Identity", "State", "Node", "Healthy")
                            .build());
                    return;
                }
            }
        }
        throw ArchiveConnectorErrorCode.NOT_FOUND.exception("No Contoso Archive Connector resource named '"
                + identity + "' exists in the clusters of this lab (" + String.join(", ", clusters.names()) + ").");
    }
}
