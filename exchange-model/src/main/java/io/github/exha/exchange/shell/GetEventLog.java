package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code Get-EventLog [-LogName] <Application | System> [[-InstanceId] <Int64[]>] [-Source <String>] [-Newest
 * <Int32>] [-ComputerName <String>]}: the journal's event-log entries, newest first, as a table of Index, Time, EntryType, Source,
 * InstanceID and Message.
 *
 * <p>How journal entries map to event-log entries: the entry's name is the event source ({@code MSExchangeIS},
 * {@code ClusSvc}); the computer is its {@code loggedOn} attribute, else its journal source; the log is its
 * {@code log} attribute, else System for the cluster service's sources and Application for every other; the entry
 * type is its {@code entryType} attribute (Error, Warning, Information), else Information; the index is the journal
 * sequence.
 */
public final class GetEventLog implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-EventLog",
            "Read the Application or System event log entries the lab has written.", List.of(
                    ParameterDescriptor.named("LogName", ParameterType.string(), "Application or System.").at(0)
                            .required(),
                    ParameterDescriptor.named("InstanceId", ParameterType.arrayOf(ParameterType.int64()),
                            "Only entries with one of these event IDs (seed 003: 105).").at(1),
                    ParameterDescriptor.named("Source", ParameterType.string(), "Only entries of this source."),
                    ParameterDescriptor.named("Newest", ParameterType.int32(), "Only the newest N entries."),
                    ParameterDescriptor.named("ComputerName", ParameterType.string(),
                            "Only entries logged on this computer.").alias("cn")));

    /** A command reading the lab's journal. */
    @Inject
    public GetEventLog() {
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        arguments.int32("Newest").filter(n -> n < 0).ifPresent(n -> {
            throw new IllegalArgumentException("Cannot validate argument on parameter 'Newest'. The " + n
                    + " argument is less than the minimum allowed range of 0.");
        });
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        String log = arguments.string("LogName").orElseThrow();
        if (!log.equalsIgnoreCase("Application") && !log.equalsIgnoreCase("System")) {
            throw new ExhaException(ShellErrorCode.EVENT_LOG_NOT_FOUND, "The event log '" + log
                    + "' on computer '.' does not exist.");
        }
        List<Long> instanceIds = new ArrayList<>();
        arguments.get("InstanceId").ifPresent(ids -> ((List<?>) ids).forEach(id -> instanceIds.add(((Number) id)
                .longValue())));
        List<JournalEntry> entries = new ArrayList<>();
        for (JournalEntry entry : context.journal().entries()) {
            if (entry.type() == JournalEntry.Type.EVENT_LOG && logOf(entry).equalsIgnoreCase(log)
                    && arguments.string("Source").map(s -> s.equalsIgnoreCase(entry.name())).orElse(true)
                    && arguments.string("ComputerName").map(c -> c.equalsIgnoreCase(computerOf(entry)))
                            .orElse(true)
                    && (instanceIds.isEmpty() || instanceIds.contains(instanceId(entry)))) {
                entries.add(entry);
            }
        }
        int newest = arguments.int32("Newest").orElse(Integer.MAX_VALUE);
        for (int i = entries.size() - 1, written = 0; i >= 0 && written < newest; i--, written++) {
            context.write(eventLogEntry(entries.get(i)));
        }
    }

    private static PsObject eventLogEntry(JournalEntry entry) {
        Map<String, String> attributes = entry.attributes();
        return PsObject.builder("System.Diagnostics.EventLogEntry")
                .add("Index", entry.sequence())
                .add("Time", entry.time())
                .add("EntryType", attributes.getOrDefault("entryType", "Information"))
                .add("Source", entry.name())
                .add("InstanceID", instanceId(entry))
                .add("Message", attributes.getOrDefault("message", ""))
                .add("MachineName", computerOf(entry))
                .tableColumns("Index", "Time", "EntryType", "Source", "InstanceID", "Message")
                .build();
    }

    private static long instanceId(JournalEntry entry) {
        return Long.parseLong(entry.attributes().getOrDefault(JournalEntry.EVENT_ID, "0"));
    }

    private static String logOf(JournalEntry entry) {
        String log = entry.attribute("log");
        if (log != null) {
            return log;
        }
        String source = entry.name().toLowerCase(Locale.ROOT);
        return source.equals("clussvc") || source.startsWith("microsoft-windows-failoverclustering") ? "System"
                : "Application";
    }

    private static String computerOf(JournalEntry entry) {
        String loggedOn = entry.attribute("loggedOn");
        return loggedOn != null ? loggedOn : entry.source();
    }
}
