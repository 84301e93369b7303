package io.github.exha.cluster.command;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.fs.DirectoryEntry;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.OpenFile;
import io.github.exha.cluster.host.OpenFiles;
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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code move} (cmd.exe) on the session's host: {@code move [/Y | /-Y] [drive:][path]filename1[,...] destination}
 * moves files, or renames a file or folder, on the host's simulated volumes (never the real filesystem), as seed 004's
 * path move asks an administrator to do by hand on both CCR nodes:
 * {@code move "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group\*.*" E:\Logs}.
 *
 * <ul>
 *   <li>The last name of a source may hold the wildcards {@code *} and {@code ?} ({@code *.*} matches every name);
 *       each matched file is printed as it moves. CHOICE: wildcards match files only, folders stay where they are.
 *   <li>To an existing folder, files keep their names; otherwise one file (or one folder) takes the destination's
 *       name, and several files are refused: "Cannot move multiple files to a single file."
 *   <li>Within a volume a move is a rename; to another volume a file is copied and then deleted (a folder cannot
 *       leave its volume: "Access is denied.").
 *   <li>A file another process has open cannot move: "The process cannot access the file because it is being used by
 *       another process." (32). The lab's programs say which files they hold ({@link OpenFiles}): the Information
 *       Store holds the files of its mounted databases.
 *   <li>A file at the target is replaced without asking, as cmd does in a script; {@code /-Y} asks "Overwrite ...?
 *       (Yes/No/All):", which a runbook answers by its confirmation policy, and {@code /Y} never asks.
 *   <li>Each file moves on its own, as cmd does: one that fails is reported and the others still move; the step then
 *       fails with the first file's error. The count ends the output: {@code "        2 file(s) moved."}.
 * </ul>
 * Unquoted paths with spaces make more than two arguments, which cmd refuses: "The syntax of the command is
 * incorrect."
 */
public final class MoveCommand implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("move", List.of(),
            CommandSyntax.NATIVE, "Move files (wildcards allowed) or rename a file or folder on the session's host.",
            List.of(ParameterDescriptor.named("Y", ParameterType.switchParameter(),
                            "Replace existing files without asking."),
                    ParameterDescriptor.named("-Y", ParameterType.switchParameter(),
                            "Ask before replacing an existing file.")),
            // High: with /-Y the overwrite question is asked (and answered by the run's confirmation policy).
            false, ConfirmImpact.HIGH, true);
    /** cmd's own message for a command line it cannot read (it has no Win32 number). */
    static final String SYNTAX_INCORRECT = "The syntax of the command is incorrect.";

    /** One file or folder to move, as full Windows paths; {@code listed} when cmd prints its name. */
    private record Move(String from, String to, boolean listed) {
    }

    private final Datacenter datacenter;
    private final Set<OpenFiles> programs;

    /** The command over the lab's hosts and the programs that keep files open on them. */
    @Inject
    public MoveCommand(Datacenter datacenter, Set<OpenFiles> programs) {
        this.datacenter = datacenter;
        this.programs = Set.copyOf(programs);
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        // cmd.exe reads its own command line when it runs: a bad one fails that step, as on Windows.
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Host host = datacenter.host(context.requireHost());
        boolean prompt = false;
        List<String> names = new ArrayList<>();
        for (String word : arguments.words()) {
            switch (word.toUpperCase(Locale.ROOT)) {
                case "/Y" -> prompt = false;
                case "/-Y" -> prompt = true;
                default -> {
                    if (word.startsWith("/")) {
                        throw syntax("unknown switch " + word);
                    }
                    names.add(word);
                }
            }
        }
        if (names.size() != 2) {
            throw syntax(names.size() < 2 ? "move needs a source and a destination"
                    : "move takes one source list and one destination; quote a path with spaces");
        }
        List<Move> moves = plan(host, names.get(0), names.get(1));
        int moved = 0;
        boolean folders = false;
        ExhaException first = null;
        for (Move move : moves) {
            if (move.listed()) {
                context.write(move.from());
            }
            try {
                WindowsPath to = host.resolve(move.to());
                if (prompt && to.volume().exists(to.path()) && !to.volume().isDirectory(to.path())
                        && !context.shouldProcess(move.to(), "Overwrite " + move.to() + "? (Yes/No/All):")) {
                    continue;
                }
                requireNotOpen(host, move);
                WindowsPath from = host.resolve(move.from());
                folders |= from.volume().isDirectory(from.path());
                context.await(host.moveFile(move.from(), move.to(), true));
                moved++;
            } catch (ExhaException e) {
                // cmd prints Windows' sentence and goes on with the next file.
                context.write(windowsText(e));
                if (first == null) {
                    first = e;
                }
            }
        }
        context.write(String.format(Locale.ROOT, "%9d %s moved.", moved, folders ? "dir(s)" : "file(s)"));
        if (first != null) {
            throw first;
        }
    }

    // What moves where: the sources (comma-separated, wildcards in the last name) against the destination.
    private List<Move> plan(Host host, String sourceList, String destination) {
        List<String> sources = new ArrayList<>();
        List<Boolean> listed = new ArrayList<>();
        String[] parts = sourceList.split(",");
        boolean several = parts.length > 1;
        for (String part : parts) {
            String source = part.strip();
            if (source.isEmpty()) {
                throw syntax("an empty name in the source list " + sourceList);
            }
            int slash = source.lastIndexOf('\\');
            // The last name; a drive-relative C:*.log has it after the drive.
            String name = slash >= 0 ? source.substring(slash + 1)
                    : source.length() > 1 && source.charAt(1) == ':' ? source.substring(2) : source;
            if (name.indexOf('*') < 0 && name.indexOf('?') < 0) {
                WindowsPath path = host.resolve(source);
                if (!path.volume().exists(path.path())) {
                    throw notFound(host, source);
                }
                sources.add(source);
                listed.add(several);
                continue;
            }
            String folder = slash < 0 ? source.substring(0, source.length() - name.length()) + "\\"
                    : source.substring(0, slash + 1);
            WindowsPath where = host.resolve(folder);
            if (!where.volume().isDirectory(where.path())) {
                throw new ExhaException(ClusterErrorCode.PATH_NOT_FOUND, "The system cannot find the path specified. ("
                        + folder + " on " + host.name() + ")", NativeCode.win32(3));
            }
            Pattern pattern = DirCommand.wildcard(name);
            int before = sources.size();
            for (DirectoryEntry entry : where.volume().list(where.path())) {
                if (!entry.directory() && pattern.matcher(entry.name()).matches()) {
                    sources.add(folder + entry.name());
                    listed.add(true);
                }
            }
            if (sources.size() == before) {
                throw notFound(host, source);
            }
        }
        WindowsPath target = host.resolve(destination);
        boolean intoFolder = target.volume().isDirectory(target.path());
        if (!intoFolder && destination.endsWith("\\") && destination.length() > 3) {
            throw new ExhaException(ClusterErrorCode.PATH_NOT_FOUND, "The system cannot find the path specified. ("
                    + destination + " on " + host.name() + ")", NativeCode.win32(3));
        }
        if (!intoFolder && sources.size() > 1) {
            throw new ExhaException(ClusterErrorCode.BAD_ARGUMENTS, "Cannot move multiple files to a single file. ("
                    + destination + " is no folder on " + host.name() + ")");
        }
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            String to = intoFolder ? join(destination, source.substring(source.lastIndexOf('\\') + 1)) : destination;
            moves.add(new Move(source, to, listed.get(i)));
        }
        return moves;
    }

    // A file (or a folder holding a file) another process has open cannot move: ERROR_SHARING_VIOLATION.
    private void requireNotOpen(Host host, Move move) {
        WindowsPath from = host.resolve(move.from());
        WindowsPath to = host.resolve(move.to());
        for (OpenFiles program : programs) {
            for (OpenFile open : program.openOn(host)) {
                Optional<WindowsPath> held = resolved(host, open.path());
                if (held.isEmpty()) {
                    continue;
                }
                boolean blocks = held.get().sameAs(from) || held.get().sameAs(to) || inside(held.get(), from);
                if (blocks) {
                    throw new ExhaException(ClusterErrorCode.SHARING_VIOLATION, "The process cannot access the file "
                            + "because it is being used by another process. (" + open.path() + " is open in "
                            + open.process() + " on " + host.name() + ")", NativeCode.win32(32));
                }
            }
        }
    }

    private static Optional<WindowsPath> resolved(Host host, String path) {
        try {
            return Optional.of(host.resolve(path));
        } catch (ExhaException gone) {
            return Optional.empty();
        }
    }

    // Whether a held file lies below a folder being moved.
    private static boolean inside(WindowsPath file, WindowsPath folder) {
        if (file.volume() != folder.volume() || !folder.volume().isDirectory(folder.path())) {
            return false;
        }
        String parent = file.path().substring(0, Math.max(1, file.path().lastIndexOf('\\')));
        while (true) {
            WindowsPath up = new WindowsPath(file.drive(), file.volume(), parent);
            if (up.sameAs(folder)) {
                return true;
            }
            if (parent.equals("\\")) {
                return false;
            }
            int at = parent.lastIndexOf('\\');
            parent = at <= 0 ? "\\" : parent.substring(0, at);
        }
    }

    private static String join(String folder, String name) {
        return folder.endsWith("\\") ? folder + name : folder + "\\" + name;
    }

    // Windows' sentence without exha's detail in parentheses, as cmd prints it.
    private static String windowsText(ExhaException e) {
        String message = e.getMessage();
        int detail = message.indexOf(" (");
        return detail < 0 ? message : message.substring(0, detail);
    }

    private static ExhaException notFound(Host host, String source) {
        return new ExhaException(ClusterErrorCode.FILE_NOT_FOUND, "The system cannot find the file specified. ("
                + source + " on " + host.name() + ")", NativeCode.win32(2));
    }

    private static ExhaException syntax(String why) {
        return new ExhaException(ClusterErrorCode.BAD_ARGUMENTS, SYNTAX_INCORRECT + " (" + why + ")");
    }
}
