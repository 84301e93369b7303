package io.github.exha.cluster.host;

import java.util.Locale;

/**
 * A network interface of a host.
 *
 * @param name the connection's name as Windows shows it ({@code Public}, {@code Heartbeat})
 * @param network the network (subnet) it is plugged into, shared by the hosts that can reach each other on it
 * @param address its IPv4 address in dotted-quad form
 * @param prefix the prefix length of its subnet mask, 1 to 32 ({@code 24} for 255.255.255.0)
 */
public record Nic(String name, String network, String address, int prefix) {
    /** Validates the values. */
    public Nic {
        requireText(name, "a NIC needs a name, for example Public");
        requireText(network, "NIC '" + name + "' needs a network, for example Public or Private");
        requireText(address, "NIC '" + name + "' needs an IPv4 address");
        parseAddress(address);
        if (prefix < 1 || prefix > 32) {
            throw new IllegalArgumentException("NIC '" + name + "': prefix must be between 1 and 32, found " + prefix);
        }
    }

    /** The address as a 32-bit number. */
    public int addressBits() {
        return parseAddress(address);
    }

    /** The subnet in CIDR form, {@code 192.168.10.0/24}. */
    public String subnet() {
        int mask = prefix == 32 ? -1 : ~(-1 >>> prefix);
        int bits = addressBits() & mask;
        return String.format(Locale.ROOT, "%d.%d.%d.%d/%d", bits >>> 24, (bits >>> 16) & 0xFF, (bits >>> 8) & 0xFF,
                bits & 0xFF, prefix);
    }

    private static int parseAddress(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 address such as 192.168.10.11");
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv4 address such as 192.168.10.11");
            }
            bits = (bits << 8) | Integer.parseInt(part);
        }
        return bits;
    }

    private static void requireText(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }
}
