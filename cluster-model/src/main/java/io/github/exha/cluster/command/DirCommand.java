package io.github.exha.cluster.command;

import io.github.exha.cluster.error.ClusterErrorCode;
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
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code dir [drive:][path][filename] [/B]} (cmd.exe) on the session's host: lists a folder of a simulated volume (the
 * files matching a name with {@code *} and {@code ?} wildcards), so a runbook can show where files are after a
 * {@code move}. The listing is cmd's, with the volume label, the {@code Directory of} line, {@code <DIR>} and sizes
 * with thousands separators and the totals; the simulated filesystem keeps no timestamps, so the date and time columns
 * and the volume serial number are left out. {@code /B} prints the bare names. A path that matches nothing says "File
 * Not Found" and fails the step, as cmd sets ERRORLEVEL 1.
 */
public final class DirCommand implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("dir", List.of(), CommandSyntax.NATIVE,
            "List a folder's files and subfolders on the session's host.",
            List.of(ParameterDescriptor.named("B", ParameterType.switchParameter(), "Bare format: names only.")),
            false, ConfirmImpact.NONE, true);

    private final Datacenter datacenter;

    /** The command over the lab's hosts. */
    @Inject
    public DirCommand(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        if (arguments.positionals().size() > 1) {
            throw new IllegalArgumentException("dir takes one path (got " + arguments.positionals().size()
                    + "); quote a path with spaces: dir \"C:\\Program Files\"");
        }
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Host host = datacenter.host(context.requireHost());
        String given = arguments.positionals().isEmpty() ? "C:\\" : arguments.positionals().get(0);
        WindowsPath path = host.resolve(given);
        Volume volume = path.volume();
        String folder;
        Pattern names;
        int slash = path.path().lastIndexOf('\\');
        String last = path.path().substring(slash + 1);
        boolean wildcards = last.indexOf('*') >= 0 || last.indexOf('?') >= 0;
        // A folder named alone is listed whole, with its . and .. entries.
        boolean wholeFolder = !wildcards && volume.isDirectory(path.path());
        if (wholeFolder) {
            folder = path.path();
            names = Pattern.compile(".*");
        } else {
            folder = slash <= 0 ? "\\" : path.path().substring(0, slash);
            if (!volume.isDirectory(folder)) {
                throw new ExhaException(ClusterErrorCode.PATH_NOT_FOUND, "The system cannot find the path specified. ("
                        + given + " on " + host.name() + ")", NativeCode.win32(3));
            }
            names = wildcard(last);
        }
        List<DirectoryEntry> entries = new ArrayList<>();
        for (DirectoryEntry entry : volume.list(folder)) {
            if (names.matcher(entry.name()).matches()) {
                entries.add(entry);
            }
        }
        String shown = path.drive() + Volume.normalize(folder);
        boolean bare = arguments.flag("B");
        if (!bare) {
            context.write(" Volume in drive " + path.drive().letter() + " is " + volume.label());
            context.write("");
            context.write(" Directory of " + shown);
            context.write("");
        }
        if (entries.isEmpty() && (bare || !wholeFolder)) {
            throw new ExhaException(ClusterErrorCode.FILE_NOT_FOUND, "File Not Found (" + given + " on " + host.name()
                    + ")", NativeCode.win32(2));
        }
        long files = 0;
        long bytes = 0;
        long folders = 0;
        if (!bare && wholeFolder && !folder.equals("\\")) {
            context.write(String.format(Locale.ROOT, "%-14s %s", "<DIR>", "."));
            context.write(String.format(Locale.ROOT, "%-14s %s", "<DIR>", ".."));
            folders += 2;
        }
        for (DirectoryEntry entry : entries) {
            if (bare) {
                context.write(entry.name());
            } else if (entry.directory()) {
                context.write(String.format(Locale.ROOT, "%-14s %s", "<DIR>", entry.name()));
            } else {
                context.write(String.format(Locale.US, "%,14d %s", entry.size(), entry.name()));
            }
            if (entry.directory()) {
                folders++;
            } else {
                files++;
                bytes += entry.size();
            }
        }
        if (!bare) {
            context.write(String.format(Locale.US, "%16d File(s) %,14d bytes", files, bytes));
            context.write(String.format(Locale.US, "%16d Dir(s) %,15d bytes free", folders, volume.freeBytes()));
        }
    }

    // cmd's wildcards in the last name: * any run of characters, ? one character; *.* matches every name.
    static Pattern wildcard(String name) {
        if (name.equals("*.*") || name.equals("*")) {
            return Pattern.compile(".*");
        }
        StringBuilder regex = new StringBuilder();
        for (char c : name.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
