package io.github.exha.exchange.shell;

import io.github.exha.cluster.fs.DirectoryEntry;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
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
import io.github.exha.core.error.NativeCode;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.DatabaseHeader;
import io.github.exha.exchange.store.LogFile;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogHeader;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.exchange.store.LogSignature;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code eseutil /mh <database file>} and {@code eseutil /ml <log file | folder\prefix>} run on the session's host:
 * the file dump modes of Exchange's ESE utility, reading the store's real files on the host's volumes. /mh prints the
 * database header (state Clean Shutdown, Dirty Shutdown or Just Created, the Log Required range, the ESE version, the
 * log signature); /ml prints a log's header and checks every record ("Integrity check passed"), or, given a base name
 * such as {@code E:\Logs\SG1\E00}, checks every log of the stream in the folder. Nothing is written to the files.
 *
 * <p>A missing file ends with eseutil's {@code Operation terminated with error -1811 (JET_errFileNotFound, File not
 * found) after 0.16 seconds.} followed by its {@code Error: Access to source database ...} line, a damaged one with
 * the ESE error the store's reader found (-1206 for a database, -501 for a log).
 */
public final class Eseutil implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("eseutil", List.of("eseutil.exe"),
            CommandSyntax.NATIVE, "Dump a database header (/mh) or a log header (/ml) on the session's host.", List.of(
                    ParameterDescriptor.named("mh", ParameterType.switchParameter(),
                            "Dump the header of a database file."),
                    ParameterDescriptor.named("ml", ParameterType.switchParameter(),
                            "Dump a log file's header and check it, or check every log of a base name (E00).")),
            false, ConfirmImpact.NONE, true);
    /** What a dump takes (CHOICE: a header read is quick; fixed so the run is deterministic). */
    static final Duration DUMP_TIME = Duration.ofMillis(160);
    private static final int FILE_NOT_FOUND = -1811;
    private static final Pattern ESE_ERROR = Pattern.compile("\\(error (-\\d+) \\((JET_\\w+), ([^)]*)\\)\\)$");
    private static final DateTimeFormatter ESEUTIL_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z][0-9]{2}");

    private final Datacenter datacenter;

    /** The command over the lab's hosts. */
    @Inject
    public Eseutil(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        boolean mh = arguments.has("mh");
        boolean ml = arguments.has("ml");
        if (mh == ml) {
            throw new IllegalArgumentException("eseutil needs one mode: /mh <database file> or /ml <log file>");
        }
        if (arguments.positionals().size() != 1) {
            throw new IllegalArgumentException("eseutil /" + (mh ? "mh" : "ml") + " takes one file (got "
                    + arguments.positionals().size() + "); quote a path with spaces: eseutil /mh \"F:\\DB\\Mailbox "
                    + "Database.edb\"");
        }
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Host host = datacenter.host(context.requireHost());
        String file = arguments.positionals().get(0);
        List<String> out = new ArrayList<>(List.of("", "Extensible Storage Engine Utilities for Microsoft(R) Exchange "
                + "Server", "Version 08.01", "Copyright (C) Microsoft Corporation. All Rights Reserved.", "",
                "Initiating FILE DUMP mode..."));
        context.sleep(DUMP_TIME);
        try {
            if (arguments.has("mh")) {
                dumpDatabase(host, file, out);
            } else if (isBaseName(file)) {
                verifyStream(host, file, out);
            } else {
                dumpLog(host, file, out);
            }
        } catch (ExhaException failed) {
            // A failed step keeps only its error, so eseutil's own error line travels in the message.
            String detail = out.get(out.size() - 1).startsWith("Error:") ? " " + out.get(out.size() - 1) : "";
            throw terminated(failed, detail);
        }
        out.add("");
        out.add("Operation completed successfully in " + seconds() + " seconds.");
        out.add("");
        context.write(String.join("\n", out));
    }

    private static void dumpDatabase(Host host, String file, List<String> out) {
        out.add("         Database: " + file);
        out.add("");
        WindowsPath path = existing(host, file, "Error: Access to source database '" + file + "' failed with Jet error "
                + FILE_NOT_FOUND + ".", out);
        DatabaseHeader header = DatabaseFile.read(path.volume(), path.path()).header();
        LogSignature log = header.logSignature();
        out.add("        File Type: Database");
        out.add("   Format ulMagic: 0x89abcdef");
        out.add("   Engine ulMagic: 0x89abcdef");
        out.add(" Format ulVersion: " + header.version());
        out.add(" Engine ulVersion: " + header.version());
        // The store keeps no database signature of its own; one derived from the database object's GUID and the log
        // stream's creation is as stable as a real one (CHOICE).
        out.add("     DB Signature: " + new LogSignature(header.owner().guid().getLeastSignificantBits() & 0xFFFF_FFFFL,
                log.created()).display());
        out.add("            State: " + header.state().display());
        out.add("     Log Required: " + header.logRequired());
        out.add("    Log Signature: " + log.display());
    }

    private static void dumpLog(Host host, String file, List<String> out) {
        out.add("");
        WindowsPath path = existing(host, file, "Error: Access to log file '" + file + "' failed with Jet error "
                + FILE_NOT_FOUND + ".", out);
        LogFile log = LogFile.read(path.volume(), path.path());
        LogHeader header = log.header();
        out.add("      Base name: " + header.prefix().value().toLowerCase(Locale.ROOT));
        out.add("      Log file: " + file);
        out.add("      lGeneration: " + header.generation() + " (0x"
                + Long.toHexString(header.generation()).toUpperCase(Locale.ROOT) + ")");
        out.add("      Checkpoint: NOT AVAILABLE");
        out.add("      creation time: " + ESEUTIL_TIME.format(header.created()));
        out.add("      Signature: " + header.signature().display());
        out.add("      Log size: " + (header.format().logSize() >> 10) + " KB");
        out.add("");
        out.add("Integrity check passed for log file: " + file);
    }

    private static void verifyStream(Host host, String base, List<String> out) {
        int slash = base.lastIndexOf('\\');
        String folderText = slash < 0 ? base : base.substring(0, slash);
        LogPrefix prefix = new LogPrefix(base.substring(slash + 1).toUpperCase(Locale.ROOT));
        out.add("");
        out.add("Verifying log files...");
        out.add("     Base name: " + prefix.value().toLowerCase(Locale.ROOT));
        out.add("");
        WindowsPath folder = host.resolve(folderText.length() == 2 ? folderText + "\\" : folderText);
        Volume volume = folder.volume();
        // Closed logs in generation order (either version's naming), then the current log.
        TreeMap<Long, String> logs = new TreeMap<>();
        if (volume.isDirectory(folder.path())) {
            for (DirectoryEntry entry : volume.list(folder.path())) {
                for (LogFormat format : LogFormat.values()) {
                    OptionalLong generation = format.parseGeneration(prefix, entry.name());
                    if (!entry.directory() && generation.isPresent()) {
                        logs.put(generation.getAsLong(), entry.name());
                    }
                }
            }
        }
        String inside = folder.path().endsWith("\\") ? folder.path() : folder.path() + "\\";
        String windows = folderText.endsWith("\\") ? folderText : folderText + "\\";
        List<String> names = new ArrayList<>(logs.values());
        String current = prefix.value() + ".log";
        if (volume.exists(inside + current)) {
            names.add(current);
        }
        if (names.isEmpty()) {
            throw new ExhaException(ShellErrorCode.ESE_FILE_NOT_FOUND, "No log files with base name '"
                    + prefix.value() + "' in " + windows + " (error " + FILE_NOT_FOUND
                    + " (JET_errFileNotFound, File not found))", NativeCode.ese(FILE_NOT_FOUND));
        }
        for (String name : names) {
            try {
                LogFile.read(volume, inside + name);
            } catch (ExhaException damaged) {
                out.add("      Log file: " + windows + name + " - CORRUPTED");
                throw damaged;
            }
            out.add("      Log file: " + windows + name + " - OK");
        }
        out.add("");
        out.add("No damaged log files were found.");
    }

    private static boolean isBaseName(String file) {
        String last = file.substring(file.lastIndexOf('\\') + 1);
        return BASE_NAME.matcher(last).matches();
    }

    // The file resolved on the host; a missing drive, folder or file is eseutil's -1811.
    private static WindowsPath existing(Host host, String file, String error, List<String> out) {
        WindowsPath path;
        try {
            path = host.resolve(file);
        } catch (ExhaException noDrive) {
            path = null;
        }
        if (path == null || !path.volume().exists(path.path()) || path.volume().isDirectory(path.path())) {
            out.add(error);
            throw new ExhaException(ShellErrorCode.ESE_FILE_NOT_FOUND, file + " was not found on " + host.name()
                    + " (error " + FILE_NOT_FOUND + " (JET_errFileNotFound, File not found))",
                    NativeCode.ese(FILE_NOT_FOUND));
        }
        return path;
    }

    // eseutil's last line for a failure, with the ESE number, symbol and description the reader reported.
    private static ExhaException terminated(ExhaException failed, String detail) {
        Matcher ese = ESE_ERROR.matcher(failed.getMessage());
        if (!ese.find()) {
            return failed;
        }
        String line = "Operation terminated with error " + ese.group(1) + " (" + ese.group(2) + ", " + ese.group(3)
                + ") after " + seconds() + " seconds." + detail;
        boolean missing = Integer.parseInt(ese.group(1)) == FILE_NOT_FOUND;
        return new ExhaException(missing ? ShellErrorCode.ESE_FILE_NOT_FOUND : ShellErrorCode.ESE_FILE_DAMAGED, line,
                failed.nativeCode().orElse(NativeCode.ese(Integer.parseInt(ese.group(1)))), null, failed);
    }

    private static String seconds() {
        return String.format(Locale.ROOT, "%.2f", DUMP_TIME.toMillis() / 1000.0);
    }
}
