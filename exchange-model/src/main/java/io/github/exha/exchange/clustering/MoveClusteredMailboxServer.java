package io.github.exha.exchange.clustering;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.ExchangeServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * {@code Move-ClusteredMailboxServer -Identity -TargetMachine -MoveComment [-IgnoreDismounted] [-ValidateOnly]}: a
 * planned, lossless move of a CMS to another node, after Exchange's checks (the target is a member of the cluster, in
 * the CMS's redundant machines, not running a CMS) and the contributed ones ({@link MoveClusteredMailboxServerCheck}).
 * The move comment is written to the event log. Confirm impact High, as the seed shows.
 */
public final class MoveClusteredMailboxServer implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Move-ClusteredMailboxServer", List.of(),
            CommandSyntax.CMDLET, "Move a clustered mailbox server to another node.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.string(), "The CMS.").required().at(0),
                    ParameterDescriptor.named("TargetMachine", ParameterType.string(), "The node to move to.")
                            .required(),
                    ParameterDescriptor.named("MoveComment", ParameterType.string(), "Why; written to the event log.")
                            .required(),
                    ParameterDescriptor.named("IgnoreDismounted", ParameterType.switchParameter(),
                            "Move even when databases are dismounted."),
                    ParameterDescriptor.named("ValidateOnly", ParameterType.switchParameter(),
                            "Run the checks without moving.")),
            true, ConfirmImpact.HIGH, false);

    private final ClusteredMailboxServers servers;
    private final Set<MoveClusteredMailboxServerCheck> checks;

    /** The cmdlet with the contributed checks. */
    @Inject
    public MoveClusteredMailboxServer(ClusteredMailboxServers servers, Set<MoveClusteredMailboxServerCheck> checks) {
        this.servers = servers;
        this.checks = checks;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        ExchangeServer server = servers.cms(arguments.string("Identity").orElseThrow());
        String target = arguments.string("TargetMachine").orElseThrow();
        String comment = arguments.string("MoveComment").orElseThrow();
        String member = servers.member(server, target).orElseThrow(() -> new ExhaException(
                ClusteringErrorCode.INVALID_TARGET, "The target machine '" + target + "' is not a member of cluster '"
                + server.cluster().orElseThrow().clusterName() + "' hosting clustered mailbox server '"
                + server.name() + "'."));
        if (!server.cluster().orElseThrow().isRedundantMachine(member)) {
            throw new ExhaException(ClusteringErrorCode.INVALID_TARGET, "The target machine '" + target
                    + "' is not in the list of redundant machines for clustered mailbox server '" + server.name()
                    + "': " + String.join(", ", server.cluster().orElseThrow().redundantMachines()) + ".");
        }
        if (servers.activeNode(server).filter(member::equalsIgnoreCase).isPresent()) {
            throw new ExhaException(ClusteringErrorCode.INVALID_TARGET, "Clustered mailbox server '" + server.name()
                    + "' is already running on '" + member + "'.");
        }
        servers.otherCmsOn(server, member).ifPresent(other -> {
            throw new ExhaException(ClusteringErrorCode.INVALID_TARGET, "The target machine '" + target
                    + "' is already running clustered mailbox server '" + other.name() + "'.");
        });
        for (MoveClusteredMailboxServerCheck check : checks) {
            check.check(server, member, arguments.flag("IgnoreDismounted"));
        }
        if (arguments.flag("ValidateOnly")) {
            return;
        }
        if (!context.shouldProcess(server.name(), "Move-ClusteredMailboxServer", "Moving clustered mailbox server \""
                + arguments.string("Identity").orElseThrow() + "\" to target node \"" + target
                + "\" with move comment \"" + comment + "\".")) {
            return;
        }
        servers.event(server, ClusteredMailboxServers.EVENT_MOVE_COMMENT, "Clustered mailbox server '"
                + server.name() + "' is being moved to node '" + member + "'. Move comment: " + comment);
        context.await(servers.move(server, member));
    }
}
