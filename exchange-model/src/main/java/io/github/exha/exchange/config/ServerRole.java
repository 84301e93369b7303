package io.github.exha.exchange.config;

import io.github.exha.core.command.PowerShellName;
import java.util.Locale;
import java.util.Optional;

/**
 * An Exchange 2007 server role, as {@code Get-ExchangeServer} prints ServerRole and {@code setup /roles:} accepts it.
 * An Exchange 2003 server is shown with the Mailbox role (a back-end server).
 */
public enum ServerRole implements PowerShellName {
    /** Mailbox; setup's {@code Mailbox}, {@code MB}. */
    MAILBOX("Mailbox", "MB"),
    /** Client Access; setup's {@code ClientAccess}, {@code CA}. */
    CLIENT_ACCESS("ClientAccess", "CA"),
    /** Unified Messaging; setup's {@code UnifiedMessaging}, {@code UM}. */
    UNIFIED_MESSAGING("UnifiedMessaging", "UM"),
    /** Hub Transport; setup's {@code HubTransport}, {@code HT}. */
    HUB_TRANSPORT("HubTransport", "HT"),
    /** Edge Transport; setup's {@code EdgeTransport}, {@code ET}. */
    EDGE_TRANSPORT("Edge", "ET");

    private final String shellName;
    private final String shortName;

    ServerRole(String shellName, String shortName) {
        this.shellName = shellName;
        this.shortName = shortName;
    }

    @Override
    public String powerShellName() {
        return shellName;
    }

    /** A role as setup and the topology accept it: the full name, setup's short form, or the constant name. */
    public static Optional<ServerRole> parse(String text) {
        String wanted = text.strip();
        for (ServerRole role : values()) {
            if (role.shellName.equalsIgnoreCase(wanted) || role.shortName.equalsIgnoreCase(wanted)
                    || role.name().equalsIgnoreCase(wanted.replace(' ', '_'))
                    || (role == EDGE_TRANSPORT && wanted.toLowerCase(Locale.ROOT).equals("edgetransport"))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
