package io.github.exha.exchange.update;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;

/** The host a program of this package runs on: the session's, which must be running. */
final class SessionHost {
    private SessionHost() {
    }

    /**
     * The session's host.
     *
     * @throws ExhaException {@code INVALID_TARGET} with 1722 (the RPC server is unavailable) when it is not running
     */
    static Host running(CommandContext context, Datacenter datacenter) {
        Host host = datacenter.host(context.requireHost());
        if (!host.isRunning()) {
            throw new ExhaException(UpdateErrorCode.INVALID_TARGET, "The RPC server is unavailable. (" + host.name()
                    + " is " + host.powerState().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")",
                    NativeCode.win32(1722));
        }
        return host;
    }
}
