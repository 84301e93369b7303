package io.github.exha.exchange.shell;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.error.ExhaException;
import java.util.List;

/**
 * Moves a store's files on one host, as the path-move cmdlets do for a stand-alone or SCC server, with the host's
 * {@link Host#moveFile}: a rename within a volume, else a copy to the target volume and a delete of the source once the
 * copy is durable. Missing target folders are created. Every step waits, in virtual time, for the volume to
 * acknowledge its writes.
 */
final class FileRelocation {
    private final CommandContext context;
    private final Host host;

    FileRelocation(CommandContext context, Host host) {
        this.context = context;
        this.host = host;
    }

    /** One file to move, as full Windows paths. */
    record Move(String from, String to) {
    }

    /** The moves whose source exists (a database never mounted has no file yet). */
    List<Move> existing(List<Move> moves) {
        return moves.stream().filter(m -> {
            WindowsPath from = host.resolve(m.from());
            return from.volume().exists(from.path());
        }).toList();
    }

    /**
     * Checks that every target is free and that cross-volume copies fit, before anything moves.
     *
     * @throws ExhaException the volume's FILE_EXISTS, NOT_ENOUGH_SPACE
     */
    void check(List<Move> moves) {
        for (Move move : moves) {
            WindowsPath to = host.resolve(move.to());
            if (to.volume().exists(to.path())) {
                throw new ExhaException(io.github.exha.exchange.error.ExchangeErrorCode.INVALID_ARGUMENT, "The file '"
                        + move.to() + "' already exists on " + host.name() + ".");
            }
            WindowsPath from = host.resolve(move.from());
            if (from.volume() != to.volume() && from.volume().size(from.path()) > to.volume().freeBytes()) {
                throw new ExhaException(ShellErrorCode.NOT_ENOUGH_SPACE, "There is not enough space on " + to.drive()
                        + " of " + host.name() + " to move '" + move.from() + "' (" + from.volume().size(from.path())
                        + " bytes).");
            }
        }
    }

    /** Moves the files, one after another, creating missing target folders. */
    void move(List<Move> moves) {
        for (Move move : moves) {
            String folder = move.to().substring(0, move.to().lastIndexOf('\\'));
            WindowsPath to = host.resolve(move.to());
            if (folder.length() > 2 && !to.volume().exists(host.resolve(folder).path())) {
                context.await(host.createDirectory(folder));
            }
            context.await(host.moveFile(move.from(), move.to(), false));
        }
    }
}
