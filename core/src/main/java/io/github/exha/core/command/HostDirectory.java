package io.github.exha.core.command;

import java.util.Optional;

/**
 * The computers {@code Enter-PSSession -ComputerName} can reach. The cluster model binds the topology's hosts; the
 * default directory of a core-only lab (no host model bound) accepts any name, as nothing there can contradict it.
 */
public interface HostDirectory {
    /** The computer's canonical name if it exists in the simulated world (lookup is case-insensitive). */
    Optional<String> resolve(String computerName);

    /** Whether this directory knows which hosts exist (false for the permissive core default). */
    boolean isAuthoritative();

    /** The known hosts' names, for suggestions; empty when not authoritative. */
    java.util.List<String> names();
}
