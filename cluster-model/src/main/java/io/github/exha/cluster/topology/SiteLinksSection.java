package io.github.exha.cluster.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.exha.core.topology.TopologySection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code siteLinks:} section: the WAN links between the sites of the {@code hosts:} section, with their one-way
 * latency and bandwidth, which host-to-host transfers between those sites take (log shipping, seeding).
 *
 * <pre>
 * siteLinks:
 *   - { between: [Production, Backup], latency: PT0.030S, bandwidth: 2MB }   # bytes per second
 * </pre>
 *
 * <p>Hosts of one site, and sites without a declared link, use the LAN default of
 * {@link io.github.exha.cluster.network.HostConnectivity#LAN}. Site names are checked against the hosts when the lab is
 * built.
 */
public final class SiteLinksSection implements TopologySection<SiteLinksSection.SiteLinks> {
    /** The section's key. */
    public static final String KEY = "siteLinks";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Class<SiteLinks> type() {
        return SiteLinks.class;
    }

    @Override
    public String description() {
        return "WAN links between sites: latency and bandwidth of host-to-host transfers such as log shipping";
    }

    /**
     * The section's value.
     *
     * @param links the links, at most one per pair of sites
     */
    public record SiteLinks(List<SiteLinkEntry> links) {
        /** Refuses two links between the same sites. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public SiteLinks {
            links = links == null ? List.of() : List.copyOf(links);
            Set<String> pairs = new TreeSet<>();
            for (SiteLinkEntry link : links) {
                if (!pairs.add(link.pairKey())) {
                    throw new IllegalArgumentException("two site links join " + link.between().get(0) + " and "
                            + link.between().get(1) + "; declare one link per pair of sites");
                }
            }
        }
    }

    /**
     * One WAN link.
     *
     * @param between the two sites it joins
     * @param latency one-way latency, not negative
     * @param bandwidth bytes per second, positive
     */
    public record SiteLinkEntry(List<String> between, TimeInterval latency, ByteSize bandwidth) {
        /** Validates the link. */
        public SiteLinkEntry {
            if (between == null || between.size() != 2 || between.stream().anyMatch(s -> s == null || s.isBlank())) {
                throw new IllegalArgumentException("a site link joins exactly two sites, for example between: "
                        + "[Production, Backup]");
            }
            between = List.copyOf(between);
            if (between.get(0).equalsIgnoreCase(between.get(1))) {
                throw new IllegalArgumentException("a site link joins two different sites, not " + between.get(0)
                        + " with itself");
            }
            if (latency == null || latency.duration().isNegative()) {
                throw new IllegalArgumentException("site link " + between + " needs a latency that is not negative, "
                        + "for example PT0.030S");
            }
            if (bandwidth == null || bandwidth.bytes() <= 0) {
                throw new IllegalArgumentException("site link " + between + " needs a positive bandwidth in bytes per "
                        + "second, for example 2MB");
            }
        }

        /** The two sites, lower-case and ordered, as one key. */
        String pairKey() {
            String a = between.get(0).toLowerCase(Locale.ROOT);
            String b = between.get(1).toLowerCase(Locale.ROOT);
            return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
        }
    }
}
