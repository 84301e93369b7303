package io.github.exha.cluster.topology;

import io.github.exha.cluster.host.Host;
import io.github.exha.core.command.HostDirectory;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The computers {@code Enter-PSSession} can reach: the hosts of the lab's {@link Datacenter}, by name or FQDN,
 * ignoring case. Authoritative when the topology has a {@code hosts:} section, so a session to an unknown computer
 * is refused with the nearest names; a topology without hosts has no host model to contradict any name, so then
 * every name is accepted as written, as in a core-only lab.
 */
public final class DatacenterHostDirectory implements HostDirectory {
    private final Datacenter datacenter;

    /** The directory of {@code datacenter}'s hosts. */
    @Inject
    public DatacenterHostDirectory(Datacenter datacenter) {
        this.datacenter = Objects.requireNonNull(datacenter, "datacenter");
    }

    @Override
    public Optional<String> resolve(String computerName) {
        if (computerName == null || computerName.isBlank()) {
            return Optional.empty();
        }
        if (!isAuthoritative()) {
            return Optional.of(computerName);
        }
        return datacenter.findHost(computerName).map(Host::name);
    }

    @Override
    public boolean isAuthoritative() {
        return datacenter.declaresHosts();
    }

    @Override
    public List<String> names() {
        return isAuthoritative() ? datacenter.hostNames() : List.of();
    }
}
