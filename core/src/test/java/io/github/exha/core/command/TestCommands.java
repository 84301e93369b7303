package io.github.exha.core.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Commands shaped like the real ones, for binder and runner tests. */
final class TestCommands {
    private TestCommands() {
    }

    enum MountDial {
        LOSSLESS, GOOD_AVAILABILITY, BEST_AVAILABILITY
    }

    /** Records what it was invoked with. */
    static final class Recording implements Command {
        final CommandDescriptor descriptor;
        final List<Arguments> invocations = new ArrayList<>();

        Recording(CommandDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public CommandDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void invoke(CommandContext context, Arguments arguments) {
            invocations.add(arguments);
        }
    }

    static Recording enableStorageGroupCopy() {
        return new Recording(new CommandDescriptor("Enable-StorageGroupCopy", List.of(), CommandSyntax.CMDLET,
                "Enable a copy.", List.of(
                        ParameterDescriptor.named("Identity", ParameterType.identity("StorageGroupIdParameter"), "SG")
                                .required().at(0).fromPipeline(),
                        ParameterDescriptor.named("StandbyMachine", ParameterType.string(), "SCR target"),
                        ParameterDescriptor.named("ReplayLagTime", ParameterType.timeSpan(), "lag"),
                        ParameterDescriptor.named("TruncationLagTime", ParameterType.timeSpan(), "lag"),
                        ParameterDescriptor.named("Force", ParameterType.switchParameter(), "force")),
                true, ConfirmImpact.MEDIUM, false));
    }

    static Recording stopClusteredMailboxServer() {
        return new Recording(CommandDescriptor.cmdlet("Stop-ClusteredMailboxServer", "Stop a CMS.", List.of(
                ParameterDescriptor.named("Identity", ParameterType.identity("MailboxServerIdParameter"), "CMS")
                        .required().at(0).fromPipeline(),
                ParameterDescriptor.named("StopReason", ParameterType.string(), "why").required())));
    }

    static Recording setMailboxServer() {
        return new Recording(CommandDescriptor.cmdlet("Set-MailboxServer", "Set.", List.of(
                ParameterDescriptor.named("Identity", ParameterType.identity("MailboxServerIdParameter"), "server")
                        .required().at(0).fromPipeline(),
                ParameterDescriptor.named("AutoDatabaseMountDial",
                        ParameterType.enumOf(MountDial.class, "Microsoft.Exchange.Data.Directory.SystemConfiguration"
                                + ".AutoDatabaseMountDial"), "dial"),
                ParameterDescriptor.named("AllowFileRestore", ParameterType.bool(), "overwrite"),
                ParameterDescriptor.named("Roles", ParameterType.arrayOf(ParameterType.string()), "roles"),
                ParameterDescriptor.named("MaxLogs", ParameterType.int32(), "count"),
                ParameterDescriptor.named("Server", ParameterType.string(), "server"),
                ParameterDescriptor.named("StandbyMachine", ParameterType.string(), "standby"))));
    }

    static Recording getThing() {
        return new Recording(CommandDescriptor.cmdlet("Get-MailboxDatabase", "Get.", List.of(
                ParameterDescriptor.named("Server", ParameterType.string(), "server"))));
    }

    static Recording setup() {
        return new Recording(new CommandDescriptor("setup.com", List.of("setup", "setup.exe"), CommandSyntax.NATIVE,
                "Exchange setup.", List.of(
                        ParameterDescriptor.named("ClearLocalCMS", ParameterType.switchParameter(), "clear"),
                        ParameterDescriptor.named("RecoverCMS", ParameterType.switchParameter(), "recover"),
                        ParameterDescriptor.named("UpgradeCMS", ParameterType.switchParameter(), "upgrade"),
                        ParameterDescriptor.named("CMSName", ParameterType.string(), "name").alias("cn"),
                        ParameterDescriptor.named("CMSIPAddress", ParameterType.string(), "ip").alias("cip"),
                        ParameterDescriptor.named("Mode", ParameterType.string(), "mode").alias("m")),
                false, ConfirmImpact.NONE, true));
    }

    static Recording cluster() {
        return new Recording(new CommandDescriptor("cluster", List.of(), CommandSyntax.NATIVE, "cluster.exe",
                List.of(ParameterDescriptor.named("moveto", ParameterType.string(), "node").alias("move"),
                        ParameterDescriptor.named("online", ParameterType.switchParameter(), "online")),
                false, ConfirmImpact.NONE, true));
    }

    static Set<Command> all(Command... extra) {
        List<Command> list = new ArrayList<>(List.of(enableStorageGroupCopy(), stopClusteredMailboxServer(),
                setMailboxServer(), getThing(), setup(), cluster()));
        list.addAll(List.of(extra));
        return Set.copyOf(list);
    }

    static Duration days(long d) {
        return Duration.ofDays(d);
    }
}
