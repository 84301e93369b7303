package io.github.exha.cluster.host;

import io.github.exha.core.error.NearestNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a host is when it is built: identity, Windows installation, features, hotfixes, storage initiators and NICs.
 *
 * @param name the computer name (NetBIOS rules: 1 to 15 letters, digits or dashes)
 * @param site the site (datacenter) it stands in
 * @param domain the Active Directory domain it is a member of ({@code contoso.com}), or null for a workgroup host
 * @param workgroup the workgroup of a host that is not a domain member; null when {@code domain} is set, and
 *     {@code WORKGROUP} when neither is given
 * @param os the Windows installation
 * @param features installed features by their ServerManagerCmd names, in canonical spelling, sorted; each must be
 *     known and available on the edition
 * @param hotfixes installed hotfixes as {@code KB<number>}, sorted by number, no duplicates
 * @param initiators iSCSI IQNs or Fibre Channel WWPNs the host's HBAs log in with
 * @param nics network interfaces; names and addresses unique on the host
 */
public record HostConfiguration(String name, String site, String domain, String workgroup, OperatingSystem os,
        List<String> features, List<String> hotfixes, List<String> initiators, List<Nic> nics) {
    /** The workgroup of a host that names neither domain nor workgroup, as Windows setup chooses. */
    public static final String DEFAULT_WORKGROUP = "WORKGROUP";
    private static final Pattern COMPUTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");
    private static final Pattern HOTFIX = Pattern.compile("(?i)(KB)?(\\d{4,7})");

    /** Validates the values, canonicalises feature and hotfix names and copies the lists. */
    public HostConfiguration {
        if (name == null || !COMPUTER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a host name is 1 to 15 letters, digits or dashes, starting with a letter"
                    + " or digit, found " + (name == null ? "nothing" : "'" + name + "'"));
        }
        if (site == null || site.isBlank()) {
            throw new IllegalArgumentException("host '" + name + "' needs a site");
        }
        if (domain != null && workgroup != null) {
            throw new IllegalArgumentException("host '" + name + "' is either a member of domain '" + domain
                    + "' or of workgroup '" + workgroup + "', not both");
        }
        if (domain != null && (domain.isBlank() || domain.startsWith(".") || domain.endsWith(".")
                || domain.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("host '" + name + "': '" + domain + "' is not a DNS domain name such as contoso.com");
        }
        if (domain == null && (workgroup == null || workgroup.isBlank())) {
            workgroup = DEFAULT_WORKGROUP;
        }
        if (os == null) {
            throw new IllegalArgumentException("host '" + name + "' needs an os: version, edition, servicePack and architecture");
        }
        features = canonicalFeatures(name, os, features);
        hotfixes = canonicalHotfixes(name, hotfixes);
        initiators = initiators == null ? List.of() : List.copyOf(initiators);
        Set<String> seenInitiators = new HashSet<>();
        for (String initiator : initiators) {
            if (initiator.isBlank()) {
                throw new IllegalArgumentException("host '" + name + "' has a blank initiator name");
            }
            if (!seenInitiators.add(initiator.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("host '" + name + "' lists initiator '" + initiator + "' twice");
            }
        }
        nics = nics == null ? List.of() : List.copyOf(nics);
        Set<String> nicNames = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (Nic nic : nics) {
            if (!nicNames.add(nic.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("host '" + name + "' has two NICs named '" + nic.name() + "'");
            }
            if (!addresses.add(nic.address())) {
                throw new IllegalArgumentException("host '" + name + "' has two NICs with address " + nic.address());
            }
        }
    }

    /** The DNS name: {@code NODE1.contoso.com}, or the bare name for a workgroup host. */
    public String fqdn() {
        return domain == null ? name : name + "." + domain;
    }

    private static List<String> canonicalFeatures(String host, OperatingSystem os, List<String> features) {
        TreeSet<String> out = new TreeSet<>();
        for (String feature : features == null ? List.<String>of() : features) {
            ServerFeature known = ServerFeature.of(feature).orElseThrow(() -> new IllegalArgumentException(
                    "host '" + host + "': unknown feature '" + feature + "'."
                            + NearestNames.didYouMean(String.valueOf(feature), featureIds(), "")
                            + " Known features: " + String.join(", ", featureIds())));
            if (!known.isAvailableOn(os)) {
                throw new IllegalArgumentException("host '" + host + "': feature '" + known.id() + "' is not available on "
                        + os.caption() + "; failover clustering needs the Enterprise or Datacenter edition");
            }
            out.add(known.id());
        }
        return List.copyOf(out);
    }

    static List<String> featureIds() {
        return Arrays.stream(ServerFeature.values()).map(ServerFeature::id).toList();
    }

    private static List<String> canonicalHotfixes(String host, List<String> hotfixes) {
        TreeSet<Integer> numbers = new TreeSet<>();
        for (String hotfix : hotfixes == null ? List.<String>of() : hotfixes) {
            numbers.add(hotfixNumber(host, hotfix));
        }
        List<String> out = new ArrayList<>();
        numbers.forEach(number -> out.add("KB" + number));
        return List.copyOf(out);
    }

    /** The number of a hotfix written {@code KB921181} or {@code 921181}. */
    static int hotfixNumber(String host, String hotfix) {
        var matcher = HOTFIX.matcher(hotfix == null ? "" : hotfix.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("host '" + host + "': '" + hotfix
                    + "' is not a hotfix such as KB921181");
        }
        return Integer.parseInt(matcher.group(2));
    }
}
