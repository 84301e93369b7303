package io.github.exha.exchange.update;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Windows hotfix package run on the session's host, by its published file name
 * ({@code WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart}), with the Update.exe switches of Windows Server
 * 2003 packages: {@code /passive} (progress only) and {@code /quiet} (no UI) — a run is never interactive, so they only
 * document intent — and the restart options {@code /norestart}, {@code /forcerestart}, {@code /warnrestart},
 * {@code /promptrestart}. A hotfix that needs a restart restarts the computer when it is installed unless
 * {@code /norestart} is given; then the restart is pending until the host next boots (see {@link PendingRestarts}).
 * The installation writes the System log event 4377 of source NtServicePack.
 */
public final class WindowsUpdatePackage implements Command {
    /** Event the installation of a hotfix writes to the System log. */
    public static final int EVENT_HOTFIX_INSTALLED = 4377;
    /** Its source. */
    public static final String EVENT_SOURCE = "NtServicePack";

    private final HotfixPackage hotfix;
    private final CommandDescriptor descriptor;
    private final Datacenter datacenter;
    private final PendingRestarts restarts;

    /**
     * The command of one package.
     *
     * @param hotfix the package
     * @param datacenter the lab's hosts
     * @param restarts what waits for the hosts' restarts
     */
    public WindowsUpdatePackage(HotfixPackage hotfix, Datacenter datacenter, PendingRestarts restarts) {
        this.hotfix = hotfix;
        this.datacenter = datacenter;
        this.restarts = restarts;
        this.descriptor = new CommandDescriptor(hotfix.fileName(), List.of(), CommandSyntax.NATIVE,
                "Install " + hotfix.title() + " on the session's host.", List.of(
                        ParameterDescriptor.named("passive", ParameterType.switchParameter(),
                                "Unattended mode: progress bar only."),
                        ParameterDescriptor.named("quiet", ParameterType.switchParameter(),
                                "Quiet mode: no user interaction or display."),
                        ParameterDescriptor.named("norestart", ParameterType.switchParameter(),
                                "Do not restart when the installation completes; the restart stays pending."),
                        ParameterDescriptor.named("forcerestart", ParameterType.switchParameter(),
                                "Restart after the installation."),
                        ParameterDescriptor.named("warnrestart", ParameterType.switchParameter(),
                                "Warn, then restart."),
                        ParameterDescriptor.named("promptrestart", ParameterType.switchParameter(),
                                "Prompt before restarting (a run answers Yes).")),
                false, ConfirmImpact.NONE, true);
    }

    @Override
    public CommandDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void validate(Arguments arguments) {
        boolean restart = arguments.flag("forcerestart") || arguments.flag("warnrestart")
                || arguments.flag("promptrestart");
        if (arguments.flag("norestart") && restart) {
            throw new IllegalArgumentException("The switch /norestart cannot be combined with /forcerestart, "
                    + "/warnrestart or /promptrestart.");
        }
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Host host = SessionHost.running(context, datacenter);
        if (!hotfix.appliesTo(host.os())) {
            throw new ExhaException(UpdateErrorCode.NOT_APPLICABLE, "Setup cannot update this system: "
                    + hotfix.title() + " is for " + hotfix.platform() + "; " + host.name() + " runs "
                    + host.os().caption() + ".");
        }
        if (host.hasHotfix(hotfix.hotfix())) {
            context.write(hotfix.title() + " is already installed on " + host.name() + ".");
            return;
        }
        context.sleep(hotfix.installTime());
        host.installHotfix(hotfix.hotfix());
        Map<String, String> event = new LinkedHashMap<>();
        event.put(JournalEntry.EVENT_ID, Integer.toString(EVENT_HOTFIX_INSTALLED));
        event.put("log", "System");
        event.put("message", "Windows Server 2003 Hotfix " + hotfix.hotfix() + " was installed.");
        context.journal().append(JournalEntry.Type.EVENT_LOG, host.name(), EVENT_SOURCE, event);
        context.write(hotfix.title() + " was installed on " + host.name() + ".");
        if (!hotfix.restartRequired()) {
            return;
        }
        restarts.hotfixInstalled(host.name(), hotfix.hotfix());
        if (arguments.flag("norestart")) {
            context.write("You must restart " + host.name() + " for the update to take effect.");
        } else {
            context.write("Restarting " + host.name() + " to complete the installation.");
            // The package starts the restart and exits; the host is back after Host.SHUTDOWN_TIME + BOOT_TIME.
            host.reboot();
        }
    }
}
