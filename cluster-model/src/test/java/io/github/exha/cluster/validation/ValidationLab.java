package io.github.exha.cluster.validation;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small labs for validation tests: Windows Server 2008 nodes with a Public and a Private network by default,
 * a HUB1 server to run Test-Cluster from, LUNs on one array, and optionally a cluster.
 */
final class ValidationLab {
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> luns = new ArrayList<>();
    private String clusters = "";

    /**
     * One host as the topology writes it.
     *
     * @param domainLine {@code domain: contoso.com} or {@code workgroup: LAB}
     * @param nics each NIC as {@code { name: ..., network: ..., address: ..., prefix: ... }}
     */
    record Node(String name, String domainLine, String version, String edition, int servicePack, String architecture,
            List<String> features, List<String> hotfixes, List<String> nics) {
        Node domain(String domain) {
            return new Node(name, "domain: " + domain, version, edition, servicePack, architecture, features, hotfixes, nics);
        }

        Node workgroup(String workgroup) {
            return new Node(name, "workgroup: " + workgroup, version, edition, servicePack, architecture, features,
                    hotfixes, nics);
        }

        Node os(String newVersion, int newServicePack) {
            return new Node(name, domainLine, newVersion, edition, newServicePack, architecture, features, hotfixes, nics);
        }

        Node servicePack(int newServicePack) {
            return os(version, newServicePack);
        }

        Node edition(String newEdition) {
            return new Node(name, domainLine, version, newEdition, servicePack, architecture, features, hotfixes, nics);
        }

        Node architecture(String newArchitecture) {
            return new Node(name, domainLine, version, edition, servicePack, newArchitecture, features, hotfixes, nics);
        }

        Node withoutFeatures() {
            return new Node(name, domainLine, version, edition, servicePack, architecture, List.of(), hotfixes, nics);
        }

        Node hotfixes(String... newHotfixes) {
            return new Node(name, domainLine, version, edition, servicePack, architecture, features,
                    List.of(newHotfixes), nics);
        }

        Node nics(String... newNics) {
            return new Node(name, domainLine, version, edition, servicePack, architecture, features, hotfixes,
                    List.of(newNics));
        }

        String yaml() {
            StringBuilder out = new StringBuilder();
            out.append("  - name: ").append(name).append('\n');
            out.append("    site: Production\n");
            out.append("    ").append(domainLine).append('\n');
            out.append("    os: { version: ").append(version).append(", edition: ").append(edition)
                    .append(", servicePack: ").append(servicePack).append(", architecture: ").append(architecture)
                    .append(" }\n");
            out.append("    features: [").append(String.join(", ", features)).append("]\n");
            out.append("    hotfixes: [").append(String.join(", ", hotfixes)).append("]\n");
            out.append("    initiators: [iqn.2008-03.com.contoso:").append(name.toLowerCase(java.util.Locale.ROOT))
                    .append("]\n");
            out.append("    nics:\n");
            nics.forEach(nic -> out.append("      - ").append(nic).append('\n'));
            return out.toString();
        }
    }

    /** A Windows Server 2008 Enterprise x64 SP1 node in contoso.com with Failover-Clustering and two networks. */
    static Node node(String name, int number) {
        return new Node(name, "domain: contoso.com", "WINDOWS_SERVER_2008", "ENTERPRISE", 1, "X64",
                List.of("Failover-Clustering"), List.of("KB950050"),
                List.of(nic("Public", "Public", "192.168.10." + (10 + number)),
                        nic("Heartbeat", "Private", "10.0.0." + (10 + number))));
    }

    static String nic(String name, String network, String address) {
        return "{ name: " + name + ", network: " + network + ", address: " + address + ", prefix: 24 }";
    }

    /** The seed 004 pair: NODE1 and NODE2. */
    static ValidationLab ccrPair() {
        return new ValidationLab().add(node("NODE1", 1)).add(node("NODE2", 2));
    }

    ValidationLab add(Node node) {
        nodes.add(node);
        return this;
    }

    /** Replaces the node of the same name. */
    ValidationLab set(Node node) {
        nodes.replaceAll(existing -> existing.name().equals(node.name()) ? node : existing);
        return this;
    }

    ValidationLab lun(String name, String access, String... presentedTo) {
        luns.add("        - { name: " + name + ", size: 100GB, presentedTo: [" + String.join(", ", presentedTo)
                + "], access: " + access + " }\n");
        return this;
    }

    /** A Windows Server 2008 Node Majority cluster of {@code members} with Public and Private networks. */
    ValidationLab cluster(String name, String... members) {
        clusters = "clusters:\n  - name: " + name + "\n    ip: 192.168.10.100\n    version: WINDOWS_2008\n"
                + "    nodes: [" + String.join(", ", members) + "]\n    networks:\n"
                + "      - { name: Public, role: PUBLIC, allowClients: true }\n"
                + "      - { name: Private, role: PRIVATE, allowClients: false }\n"
                + "    quorum: { model: NODE_MAJORITY }\n";
        return this;
    }

    String yaml() {
        StringBuilder out = new StringBuilder("name: validation\nseed: 4\nstart: 2008-03-01T08:00:00Z\n");
        if (!luns.isEmpty()) {
            out.append("storage:\n  arrays:\n    - name: SAN-MAIN\n      vendor: sim\n      site: Production\n"
                    + "      capacity: 1TB\n      luns:\n");
            luns.forEach(out::append);
        }
        out.append("hosts:\n");
        nodes.forEach(node -> out.append(node.yaml()));
        out.append("  - name: HUB1\n    site: Production\n    domain: contoso.com\n"
                + "    os: { version: WINDOWS_SERVER_2008, edition: STANDARD, servicePack: 1, architecture: X64 }\n"
                + "    nics:\n      - " + nic("Public", "Public", "192.168.10.200") + "\n");
        out.append("  - name: OLDHUB\n    site: Production\n    domain: contoso.com\n"
                + "    os: { version: WINDOWS_SERVER_2003, edition: STANDARD, servicePack: 2, architecture: X64 }\n"
                + "    nics:\n      - " + nic("Public", "Public", "192.168.10.201") + "\n");
        out.append(clusters);
        return out.toString();
    }

    Built build() {
        return new Built(Lab.create(LabSpec.of(TopologySource.text("validation.yaml", yaml())), new ClusterModule()));
    }

    /** A built lab with shortcuts. */
    record Built(Lab lab) {
        Datacenter datacenter() {
            return lab.instance(Datacenter.class);
        }

        Clusters clusters() {
            return lab.instance(Clusters.class);
        }

        Host host(String name) {
            return datacenter().host(name);
        }

        ValidationReport validate(ValidationSelection selection, String... nodes) {
            return new ClusterValidation(lab.clock()).validate(
                    ValidationTarget.of(datacenter(), clusters(), List.of(nodes), null), selection);
        }

        ValidationReport validate(String... nodes) {
            return validate(ValidationSelection.all(), nodes);
        }

        RunReport run(String runbook) {
            return lab.run(RunbookParser.parse("validation.ps1", runbook), RunOptions.defaults());
        }
    }
}
