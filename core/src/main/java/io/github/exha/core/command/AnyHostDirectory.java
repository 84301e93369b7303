package io.github.exha.core.command;

import java.util.List;
import java.util.Optional;

/**
 * The host directory of a lab whose topology declares no hosts (core only): any computer name is accepted as
 * written, since no host model exists to contradict it. Modules with a host model override it.
 */
public final class AnyHostDirectory implements HostDirectory {
    @Override
    public Optional<String> resolve(String computerName) {
        return computerName.isBlank() ? Optional.empty() : Optional.of(computerName);
    }

    @Override
    public boolean isAuthoritative() {
        return false;
    }

    @Override
    public List<String> names() {
        return List.of();
    }
}
