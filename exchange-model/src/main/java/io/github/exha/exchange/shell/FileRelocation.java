package io.github.exha.exchange.shell;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Moves a store's files on one host, as the path-move cmdlets do for a stand-alone or SCC server: a rename within a
 * volume, else a copy to the target volume and a delete of the source once the copy is durable. Missing target
 * folders are created. Every step waits, in virtual time, for the volume to acknowledge its writes.
 */
final class FileRelocation {
    // Copy in chunks so a large database file never has to sit in memory whole.
    private static final int CHUNK = 1 << 20;

    private final Kernel kernel;
    private final CommandContext context;
    private final Host host;

    FileRelocation(Kernel kernel, CommandContext context, Host host) {
        this.kernel = kernel;
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

    /** Moves the files, one after another. */
    void move(List<Move> moves) {
        for (Move move : moves) {
            WindowsPath from = host.resolve(move.from());
            WindowsPath to = host.resolve(move.to());
            String folder = move.to().substring(0, move.to().lastIndexOf('\\'));
            if (folder.length() > 2 && !to.volume().exists(host.resolve(folder).path())) {
                context.await(host.createDirectory(folder));
            }
            if (from.volume() == to.volume()) {
                await(from.volume().rename(from.path(), to.path()), "rename " + move.from());
            } else {
                copy(from, to);
                await(from.volume().delete(from.path()), "delete " + move.from());
            }
        }
    }

    private void copy(WindowsPath from, WindowsPath to) {
        Volume source = from.volume();
        long size = source.size(from.path());
        await(to.volume().createFile(to.path()), "create " + to);
        byte[] buffer = new byte[CHUNK];
        for (long offset = 0; offset < size; offset += CHUNK) {
            int length = source.read(from.path(), offset, buffer, 0, (int) Math.min(CHUNK, size - offset));
            await(to.volume().append(to.path(), buffer, 0, length), "copy " + from + " to " + to);
        }
    }

    private void await(CompletableFuture<Void> write, String what) {
        Operation<Void> operation = kernel.operations().create(what + " on " + host.name());
        operation.waitingFor("the disk to acknowledge the write");
        write.whenComplete((ignored, failure) -> {
            if (failure == null) {
                operation.complete(null);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                operation.fail(cause instanceof ExhaException exha ? exha : new ExhaException(
                        ShellErrorCode.FILE_MOVE_FAILED, what + " failed: " + cause.getMessage()));
            }
        });
        context.await(operation);
    }
}
