package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.Identity;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Get-ExchangeServer [[-Identity] <ServerIdParameter>]}: every Exchange server object (2003 ones included, with
 * ServerRole None), as a table of Name, Site, ServerRole, Edition and AdminDisplayVersion
 * ({@code Version 8.1 (Build 240.6)}).
 */
public final class GetExchangeServer implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-ExchangeServer",
            "List Exchange servers: name, site, roles, edition and version.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("ServerIdParameter"),
                            "The server's name or FQDN.").at(0).fromPipeline()));

    private final ExchangeDirectory directory;

    /** A command reading the organization's directory. */
    @Inject
    public GetExchangeServer(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        List<ExchangeServer> servers = arguments.identity("Identity").map(Identity::text)
                .map(id -> List.of(directory.server(id))).orElseGet(directory::servers);
        servers.forEach(server -> context.write(EmsObjects.exchangeServer(server)));
    }
}
