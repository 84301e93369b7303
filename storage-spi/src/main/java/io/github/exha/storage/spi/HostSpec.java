package io.github.exha.storage.spi;

import java.util.List;

/**
 * A host known to an array, with its initiators (Fibre Channel WWPNs or iSCSI IQNs).
 *
 * @param name the host's name ({@code NODE1})
 * @param initiators its initiator names; at least one, copied
 */
public record HostSpec(String name, List<String> initiators) {
    public HostSpec {
        ArraySpec.requireName(name, "name");
        initiators = List.copyOf(initiators);
        if (initiators.isEmpty()) {
            throw new IllegalArgumentException("a host needs at least one initiator");
        }
    }
}
