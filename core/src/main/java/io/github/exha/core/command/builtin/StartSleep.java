package io.github.exha.core.command.builtin;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import java.time.Duration;
import java.util.List;

/**
 * {@code Start-Sleep [-Seconds] <int> | -Milliseconds <int>}: advances virtual time, running everything the world
 * does meanwhile (replication, heartbeats, failovers). It never sleeps in real time.
 */
public final class StartSleep implements Command {
    /** The largest {@code -Seconds} PowerShell accepts: {@code int.MaxValue / 1000}. */
    static final int MAX_SECONDS = Integer.MAX_VALUE / 1000;
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Start-Sleep",
            "Advance virtual time by the given seconds or milliseconds; the world keeps running meanwhile.",
            List.of(ParameterDescriptor.named("Seconds", ParameterType.int32(), "Seconds to wait.").at(0),
                    ParameterDescriptor.named("Milliseconds", ParameterType.int32(), "Milliseconds to wait.")));

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        boolean seconds = arguments.has("Seconds");
        boolean millis = arguments.has("Milliseconds");
        if (seconds && millis) {
            throw new IllegalArgumentException("Parameter set cannot be resolved using the specified named parameters.");
        }
        if (!seconds && !millis) {
            throw new IllegalArgumentException(
                    "Cannot process command because of one or more missing mandatory parameters: Seconds.");
        }
        String name = seconds ? "Seconds" : "Milliseconds";
        int value = arguments.int32(name).orElseThrow();
        if (value < 0) {
            throw new IllegalArgumentException("Cannot validate argument on parameter '" + name + "'. The " + value
                    + " argument is less than the minimum allowed range of 0. Supply an argument that is greater than"
                    + " 0 and then try the command again.");
        }
        // PowerShell's own ranges: [ValidateRange(0, int.MaxValue / 1000)] on -Seconds, so the wait fits in int ms.
        int max = seconds ? MAX_SECONDS : Integer.MAX_VALUE;
        if (value > max) {
            throw new IllegalArgumentException("Cannot validate argument on parameter '" + name + "'. The " + value
                    + " argument is greater than the maximum allowed range of " + max + ". Supply an argument that is"
                    + " less than or equal to " + max + " and then try the command again.");
        }
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Duration wait = arguments.int32("Seconds").map(s -> Duration.ofSeconds(s))
                .orElseGet(() -> Duration.ofMillis(arguments.int32("Milliseconds").orElseThrow()));
        context.sleep(wait);
    }
}
