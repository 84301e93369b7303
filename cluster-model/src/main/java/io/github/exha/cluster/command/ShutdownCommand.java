package io.github.exha.cluster.command;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.HostErrorCode;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Timer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code shutdown.exe} of Windows Server 2003, on the session's host or on {@code /m \\computer}: {@code /r} restarts,
 * {@code /s} shuts down, {@code /a} aborts a shutdown still counting down; {@code /t xx} waits xx seconds first
 * (default 30, as Windows), {@code /f} forces running applications closed (the shutdown is orderly either way),
 * {@code /c "comment"} and {@code /d [p:]xx:yy} are recorded. Like the real tool it returns at once: the host shuts
 * down after the delay and, restarting, is back {@link Host#SHUTDOWN_TIME} + {@link Host#BOOT_TIME} later, so a
 * runbook waits ({@code Start-Sleep}) before using it again. Each initiated shutdown writes the System log event 1074
 * of source USER32 on the target.
 */
public final class ShutdownCommand implements Command {
    /** The event Windows writes when a process initiates a restart or shutdown. */
    public static final int EVENT_SHUTDOWN_INITIATED = 1074;
    /** shutdown.exe's default delay. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(30);
    private static final List<String> VALUED = List.of("t", "m", "c", "d");
    private static final String USAGE = "Usage: shutdown [/r | /s | /a] [/f] [/m \\\\computer] [/t xx] "
            + "[/d [p:]xx:yy] [/c \"comment\"]";
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("shutdown", List.of(),
            CommandSyntax.NATIVE, "shutdown.exe: restart (/r) or shut down (/s) this or another computer (/m).",
            List.of(ParameterDescriptor.named("r", ParameterType.switchParameter(), "Restart the computer."),
                    ParameterDescriptor.named("s", ParameterType.switchParameter(), "Shut down the computer."),
                    ParameterDescriptor.named("a", ParameterType.switchParameter(), "Abort a pending shutdown."),
                    ParameterDescriptor.named("f", ParameterType.switchParameter(),
                            "Force running applications to close."),
                    ParameterDescriptor.named("t", ParameterType.switchParameter(),
                            "/t xx: the delay in seconds (default 30)."),
                    ParameterDescriptor.named("m", ParameterType.switchParameter(), "/m \\\\computer: the target."),
                    ParameterDescriptor.named("c", ParameterType.switchParameter(), "/c \"comment\": the reason."),
                    ParameterDescriptor.named("d", ParameterType.switchParameter(), "/d [p:]xx:yy: the reason code.")),
            false, ConfirmImpact.NONE, true);

    private final Datacenter datacenter;
    private final Kernel kernel;
    // Shutdowns still counting down, by host: what /a cancels.
    private final Map<String, Timer> pending = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** The command over the lab's hosts. */
    @Inject
    public ShutdownCommand(Datacenter datacenter, Kernel kernel) {
        this.datacenter = datacenter;
        this.kernel = kernel;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The command line: the action and the values that follow /t, /m, /c and /d. */
    private record Request(String action, Duration delay, String computer, String comment, String reason) {
    }

    @Override
    public void validate(Arguments arguments) {
        parse(arguments);
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Request request = parse(arguments);
        String target = request.computer().isEmpty() ? context.requireHost() : request.computer();
        Host host = datacenter.findHost(target).orElseThrow(() -> new ExhaException(
                CoreErrorCode.UNKNOWN_HOST, target
                        + ": The network path was not found.(53)", NativeCode.win32(53)));
        if (request.action().equals("a")) {
            Timer timer = pending.remove(host.name());
            if (timer == null) {
                throw new ExhaException(HostErrorCode.INVALID_POWER_STATE, host.name()
                        + ": Unable to abort the system shutdown because no shutdown was in progress.(1116)",
                        NativeCode.win32(1116));
            }
            timer.cancel();
            return;
        }
        if (!host.isRunning()) {
            throw new ExhaException(HostErrorCode.HOST_NOT_RUNNING, host.name()
                    + ": The RPC server is unavailable.(1722)", NativeCode.win32(1722));
        }
        if (pending.containsKey(host.name())) {
            throw new ExhaException(HostErrorCode.INVALID_POWER_STATE, host.name()
                    + ": A system shutdown is in progress.(1115)", NativeCode.win32(1115));
        }
        boolean restart = request.action().equals("r");
        Map<String, String> event = new LinkedHashMap<>();
        event.put(JournalEntry.EVENT_ID, Integer.toString(EVENT_SHUTDOWN_INITIATED));
        event.put("log", "System");
        event.put("message", "The process shutdown.exe has initiated the " + (restart ? "restart" : "power off")
                + " of computer " + host.name() + " on behalf of user administrator. Reason code: "
                + (request.reason().isEmpty() ? "0x0" : request.reason()) + " Shutdown Type: "
                + (restart ? "restart" : "power off") + " Comment: " + request.comment());
        context.journal().append(JournalEntry.Type.EVENT_LOG, host.name(), "USER32", event);
        Runnable act = () -> {
            pending.remove(host.name());
            // A host that went down meanwhile (a crash) has nothing left to shut down.
            if (host.isRunning()) {
                if (restart) {
                    host.reboot();
                } else {
                    host.powerOff();
                }
            }
        };
        if (request.delay().isZero()) {
            act.run();
        } else {
            pending.put(host.name(), kernel.scheduler().schedule(request.delay(), act));
        }
    }

    private static Request parse(Arguments arguments) {
        List<String> words = arguments.words();
        Map<String, String> values = new TreeMap<>();
        String action = null;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("/") && !word.startsWith("-")) {
                throw new IllegalArgumentException("shutdown does not take '" + word + "' here. " + USAGE);
            }
            String name = word.substring(1).toLowerCase(Locale.ROOT);
            if (VALUED.contains(name)) {
                boolean given = i + 1 < words.size() && !words.get(i + 1).startsWith("/");
                if (!given) {
                    throw new IllegalArgumentException("The option /" + name + " needs a value. " + USAGE);
                }
                values.put(name, words.get(++i));
            } else if (List.of("r", "s", "a").contains(name)) {
                if (action != null && !action.equals(name)) {
                    throw new IllegalArgumentException("Give one of /r, /s and /a. " + USAGE);
                }
                action = name;
            }
        }
        if (action == null) {
            throw new IllegalArgumentException("Give /r to restart, /s to shut down or /a to abort. " + USAGE);
        }
        Duration delay = DEFAULT_DELAY;
        if (values.containsKey("t")) {
            try {
                int seconds = Integer.parseInt(values.get("t"));
                if (seconds < 0 || seconds > 600) {
                    throw new NumberFormatException();
                }
                delay = Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("/t takes a number of seconds from 0 to 600, not '"
                        + values.get("t") + "'. " + USAGE);
            }
        }
        String computer = values.getOrDefault("m", "");
        if (!computer.isEmpty()) {
            if (!computer.startsWith("\\\\") || computer.length() == 2) {
                throw new IllegalArgumentException("/m takes a computer as \\\\name, not '" + computer + "'. "
                        + USAGE);
            }
            computer = computer.substring(2);
        }
        return new Request(action, delay, computer, values.getOrDefault("c", ""), values.getOrDefault("d", ""));
    }
}
