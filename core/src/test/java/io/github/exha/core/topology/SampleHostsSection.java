package io.github.exha.core.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** A test section, {@code hosts:}, shaped like the sections modules contribute: nested records, lists, an enum. */
final class SampleHostsSection implements TopologySection<SampleHostsSection.Hosts> {
    @Override
    public String key() {
        return "hosts";
    }

    @Override
    public Class<Hosts> type() {
        return Hosts.class;
    }

    @Override
    public String description() {
        return "Windows hosts of the simulated world";
    }

    /** The section's value is the list itself, bound through a delegating creator. */
    record Hosts(List<Host> hosts) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        Hosts {
            hosts = List.copyOf(hosts);
        }
    }

    /** How a host takes part in Exchange replication. */
    enum Role { STANDALONE, LCR, CCR, SCC }

    /** One host. */
    record Host(@JsonProperty(required = true) String name, String site, Role role, int cpus, Duration heartbeat, List<Nic> nics) {
        Host {
            Objects.requireNonNull(name, "name");
            if (cpus < 1 || cpus > 64) {
                throw new IllegalArgumentException("cpus must be between 1 and 64, found " + cpus);
            }
            role = role == null ? Role.STANDALONE : role;
            heartbeat = heartbeat == null ? Duration.ofSeconds(1) : heartbeat;
            nics = nics == null ? List.of() : List.copyOf(nics);
        }
    }

    /** One network interface. */
    record Nic(@JsonProperty(required = true) String subnet, String network) {
        private static final Pattern IPV4_NETWORK = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");

        Nic {
            Objects.requireNonNull(subnet, "subnet");
            if (!IPV4_NETWORK.matcher(subnet).matches()) {
                throw new IllegalArgumentException("subnet must be an IPv4 network such as 10.0.0.0/24, found '" + subnet + "'");
            }
        }
    }
}
