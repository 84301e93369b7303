package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.TransportConfig;
import io.github.exha.exchange.error.ExchangeErrorCode;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * {@code Set-TransportConfig [-MaxDumpsterSizePerStorageGroup <ByteQuantifiedSize>] [-MaxDumpsterTime <TimeSpan>]}:
 * the transport dumpster's limits for the whole organization (DOMAIN.md §3; defaults 18MB and 7.00:00:00; a size of
 * 0 disables the dumpster).
 */
public final class SetTransportConfig implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Set-TransportConfig", List.of(),
            CommandSyntax.CMDLET, "Set the transport dumpster's size per storage group and time.", List.of(
                    ParameterDescriptor.named("MaxDumpsterSizePerStorageGroup", ParameterType.string(),
                            "How much delivered mail to keep per replicated storage group, e.g. 18MB; 0 disables."),
                    ParameterDescriptor.named("MaxDumpsterTime", ParameterType.timeSpan(),
                            "How long to keep delivered mail, e.g. 7.00:00:00.")),
            true, ConfirmImpact.MEDIUM, false);

    private final ExchangeDirectory directory;

    /** A command changing the organization's directory. */
    @Inject
    public SetTransportConfig(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        arguments.string("MaxDumpsterSizePerStorageGroup").ifPresent(text -> {
            try {
                GetTransportConfig.parseSize(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot bind parameter 'MaxDumpsterSizePerStorageGroup'. Cannot "
                        + "convert value \"" + text + "\" to type \"Microsoft.Exchange.Data.ByteQuantifiedSize\".");
            }
        });
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        TransportConfig current = directory.transportConfig();
        long size = arguments.string("MaxDumpsterSizePerStorageGroup").map(GetTransportConfig::parseSize)
                .orElse(current.maxDumpsterSizePerStorageGroup());
        Duration time = arguments.timeSpan("MaxDumpsterTime").orElse(current.maxDumpsterTime());
        TransportConfig changed;
        try {
            changed = new TransportConfig(size, time);
        } catch (IllegalArgumentException e) {
            throw new ExhaException(ExchangeErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
        if (context.shouldProcess("Transport Settings", "Set-TransportConfig")) {
            directory.setTransportConfig(changed);
        }
    }
}
