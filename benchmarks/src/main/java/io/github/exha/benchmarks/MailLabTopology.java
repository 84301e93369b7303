package io.github.exha.benchmarks;

import java.util.Locale;

/**
 * The YAML of a lab of CCR clustered mailbox servers: {@code servers} two-node Windows Server 2008 clusters with Node
 * and File Share Majority (the witnesses are shares of one Hub Transport server), each running one Exchange 2007 SP1
 * CCR clustered mailbox server with {@code storageGroups} storage groups of one database and {@code mailboxesPerGroup}
 * mailboxes each, and a mail {@code workload:} over all of them. Issue 8's lab is {@code of(8, 50, 500, ...)}: 16 nodes,
 * 400 storage groups, 200,000 mailboxes.
 *
 * <p>Each node has its own two LUNs (CCR does not share storage): logs on E:, databases on F:, the same letters on both
 * nodes as CCR requires. Storage group {@code nn} logs to {@code E:\SGnn} and keeps {@code F:\SGnn\MDBnn.edb}; the
 * mailboxes of server {@code s}, storage group {@code nn} are {@code s<s>g<nn>u001...}.
 *
 * @param servers how many clustered mailbox servers (and two-node clusters)
 * @param storageGroups storage groups (one database each) per server; Exchange 2007 Enterprise allows 50
 * @param mailboxesPerGroup mailboxes per database
 * @param messagesPerHour the whole organisation's mail rate
 * @param logLunBytes the size of each node's log LUN
 * @param size the workload's {@code size:} value in YAML flow style
 */
public record MailLabTopology(int servers, int storageGroups, int mailboxesPerGroup, double messagesPerHour,
        long logLunBytes, String size) {
    /** Message sizes as Exchange 2007's sizing guidance assumes: log-normal, mean 75 KB. */
    public static final String TYPICAL_SIZES = "{ distribution: lognormal, mean: 75KB, sigma: 1.0 }";

    /** A lab with {@link #TYPICAL_SIZES typical message sizes}. */
    public MailLabTopology(int servers, int storageGroups, int mailboxesPerGroup, double messagesPerHour,
            long logLunBytes) {
        this(servers, storageGroups, mailboxesPerGroup, messagesPerHour, logLunBytes, TYPICAL_SIZES);
    }

    /** Validates the shape. */
    public MailLabTopology {
        if (servers < 1 || servers > 99 || storageGroups < 1 || storageGroups > 50 || mailboxesPerGroup < 1
                || !(messagesPerHour > 0) || logLunBytes < (1L << 30)) {
            throw new IllegalArgumentException("1-99 servers, 1-50 storage groups, at least one mailbox, a positive "
                    + "rate and a log LUN of at least 1 GB: " + servers + ", " + storageGroups + ", "
                    + mailboxesPerGroup + ", " + messagesPerHour + ", " + logLunBytes);
        }
    }

    /** All mailboxes. */
    public long mailboxes() {
        return (long) servers * storageGroups * mailboxesPerGroup;
    }

    /** The topology's YAML text. */
    public String yaml() {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("name: mail-lab-").append(servers).append('x').append(storageGroups).append('x')
                .append(mailboxesPerGroup).append('\n');
        out.append("seed: 8\nstart: 2008-06-02T00:00:00Z\n");
        out.append("description: ").append(servers).append(" CCR clustered mailbox servers, ").append(storageGroups)
                .append(" storage groups of ").append(mailboxesPerGroup).append(" mailboxes each\n\n");
        out.append("storage:\n  arrays:\n");
        for (int s = 1; s <= servers; s++) {
            for (char side : new char[] {'A', 'B'}) {
                String node = node(s, side);
                out.append("    - name: ").append(node).append("-DAS\n      vendor: sim\n      site: Production\n")
                        .append("      capacity: ").append(gigabytes(logLunBytes) + 1024).append("GB\n      luns:\n");
                out.append("        - { name: LOGS, size: ").append(gigabytes(logLunBytes)).append("GB, presentedTo: [")
                        .append(node).append("], access: READ_WRITE }\n");
                out.append("        - { name: DATA, size: 1000GB, presentedTo: [").append(node)
                        .append("], access: READ_WRITE }\n");
            }
        }
        out.append("\nhosts:\n");
        int address = 11;
        for (int s = 1; s <= servers; s++) {
            for (char side : new char[] {'A', 'B'}) {
                String node = node(s, side);
                out.append("  - name: ").append(node).append("\n    site: Production\n    domain: contoso.com\n")
                        .append("    os: { version: WINDOWS_SERVER_2008, edition: ENTERPRISE, servicePack: 1, "
                                + "architecture: X64 }\n")
                        .append("    features: [Failover-Clustering, Web-Server, Web-ISAPI-Ext, Web-Metabase, "
                                + "Web-Lgcy-Mgmt-Console, Web-Basic-Auth, Web-Windows-Auth]\n")
                        .append("    initiators: [iqn.2008-06.com.contoso:").append(node.toLowerCase(Locale.ROOT))
                        .append("]\n")
                        .append("    nics:\n      - { name: Public, network: Public, address: 192.168.10.")
                        .append(address).append(", prefix: 24 }\n")
                        .append("      - { name: Heartbeat, network: Heartbeat").append(s)
                        .append(", address: 10.0.").append(s).append('.').append(side == 'A' ? 1 : 2)
                        .append(", prefix: 24 }\n")
                        .append("    volumes:\n      - { disk: ").append(node)
                        .append("-DAS/LOGS, drive: E, label: LOGS, format: true }\n      - { disk: ").append(node)
                        .append("-DAS/DATA, drive: F, label: DATA, format: true }\n");
                address++;
            }
        }
        out.append("  - name: HUB1\n    site: Production\n    domain: contoso.com\n")
                .append("    os: { version: WINDOWS_SERVER_2008, edition: STANDARD, servicePack: 1, architecture: X64 }\n")
                .append("    features: [Web-Server, Web-ISAPI-Ext, Web-Metabase, Web-Lgcy-Mgmt-Console, "
                        + "Web-Basic-Auth, Web-Windows-Auth]\n")
                .append("    nics:\n      - { name: Public, network: Public, address: 192.168.10.250, prefix: 24 }\n");
        out.append("\nclusters:\n");
        for (int s = 1; s <= servers; s++) {
            out.append("  - name: CLU").append(s).append("\n    ip: 192.168.10.").append(100 + s)
                    .append("\n    version: WINDOWS_2008\n    nodes: [").append(node(s, 'A')).append(", ")
                    .append(node(s, 'B')).append("]\n    networks:\n")
                    .append("      - { name: Public, role: MIXED, allowClients: true }\n")
                    .append("      - { name: Heartbeat").append(s).append(", role: PRIVATE, allowClients: false }\n")
                    .append("    quorum: { model: NODE_AND_FILE_SHARE_MAJORITY, witness: { host: HUB1, share: FSW_CLU")
                    .append(s).append(", fullControl: [CLU").append(s).append("$] } }\n");
        }
        out.append("\nexchange:\n  organization: { name: Contoso, domain: contoso.com }\n  servers:\n")
                .append("    - { name: HUB1, build: 2007 SP1, edition: STANDARD, roles: [HubTransport, ClientAccess] }\n");
        for (int s = 1; s <= servers; s++) {
            out.append("    - { name: CMS").append(s).append(", build: 2007 SP1, cms: { cluster: CLU").append(s)
                    .append(", ip: 192.168.10.").append(200 + s).append(", storage: NON_SHARED, node: ")
                    .append(node(s, 'A')).append(" } }\n");
        }
        out.append("  installations:\n");
        for (int s = 1; s <= servers; s++) {
            for (char side : new char[] {'A', 'B'}) {
                out.append("    - { host: ").append(node(s, side))
                        .append(", build: 2007 SP1, edition: ENTERPRISE, clusteredMailbox: true }\n");
            }
        }
        out.append("  storageGroups:\n");
        for (int s = 1; s <= servers; s++) {
            for (int g = 1; g <= storageGroups; g++) {
                out.append("    - { server: CMS").append(s).append(", name: SG").append(two(g))
                        .append(", logFolderPath: 'E:\\SG").append(two(g)).append("' }\n");
            }
        }
        out.append("  databases:\n");
        for (int s = 1; s <= servers; s++) {
            for (int g = 1; g <= storageGroups; g++) {
                out.append("    - { storageGroup: CMS").append(s).append("\\SG").append(two(g)).append(", name: MDB")
                        .append(two(g)).append(", edbFilePath: 'F:\\SG").append(two(g)).append("\\MDB")
                        .append(two(g)).append(".edb' }\n");
            }
        }
        out.append("  mailboxes:\n");
        for (int s = 1; s <= servers; s++) {
            for (int g = 1; g <= storageGroups; g++) {
                out.append("    - { database: CMS").append(s).append("\\SG").append(two(g)).append("\\MDB")
                        .append(two(g)).append(", count: ").append(mailboxesPerGroup).append(", prefix: s").append(s)
                        .append('g').append(two(g)).append("u }\n");
            }
        }
        out.append("  workload: { messagesPerHour: ").append(String.format(Locale.ROOT, "%.3f", messagesPerHour))
                .append(", size: ").append(size).append(" }\n");
        return out.toString();
    }

    private static String node(int server, char side) {
        return "NODE" + server + side;
    }

    private static String two(int n) {
        return String.format(Locale.ROOT, "%02d", n);
    }

    private static long gigabytes(long bytes) {
        return (bytes + (1L << 30) - 1) >>> 30;
    }
}
