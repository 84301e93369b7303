package io.github.exha.exchange.shell;

import io.github.exha.cluster.topology.ByteSize;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.PsObject;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.TransportConfig;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Get-TransportConfig}: the organization's transport settings, as a list — the transport dumpster's
 * MaxDumpsterSizePerStorageGroup (shown like EMS's ByteQuantifiedSize, {@code 18MB}) and MaxDumpsterTime
 * ({@code 7.00:00:00}).
 */
public final class GetTransportConfig implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Get-TransportConfig", List.of(),
            CommandSyntax.CMDLET, "Show the organization's transport settings (the transport dumpster).", List.of(),
            false, ConfirmImpact.NONE, false);

    private final ExchangeDirectory directory;

    /** A command reading the organization's directory. */
    @Inject
    public GetTransportConfig(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        TransportConfig config = directory.transportConfig();
        context.write(PsObject.builder("TransportConfigContainer")
                .add("Identity", "Transport Settings")
                .add("MaxDumpsterSizePerStorageGroup", sizeText(config.maxDumpsterSizePerStorageGroup()))
                .add("MaxDumpsterTime", config.maxDumpsterTime())
                .add("OrganizationName", directory.organization().name())
                .view(PsObject.View.LIST)
                .build());
    }

    /** A size as EMS shows a ByteQuantifiedSize: the largest whole unit ({@code 18MB}, {@code 1.5GB}, {@code 0B}). */
    static String sizeText(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int unit = 0;
        java.math.BigDecimal value = java.math.BigDecimal.valueOf(bytes);
        java.math.BigDecimal kilo = java.math.BigDecimal.valueOf(1024);
        while (unit < units.length - 1 && value.compareTo(kilo) >= 0) {
            value = value.divide(kilo);
            unit++;
        }
        return value.stripTrailingZeros().toPlainString() + units[unit];
    }

    /** Parses a size as EMS accepts one: {@code 18MB}, {@code 1GB}, {@code 512KB}, bytes. */
    static long parseSize(String text) {
        return ByteSize.parse(text).bytes();
    }
}
