package io.github.exha.cluster.host;

import java.util.Locale;
import java.util.Optional;

/**
 * Windows roles, role services and features, by the names {@code ServerManagerCmd -i <name>} uses on Windows Server
 * 2008. On Windows Server 2003 the same names stand for the equivalent components (the cluster service, IIS) so one
 * topology vocabulary serves both versions.
 */
public enum ServerFeature {
    /** Failover Clustering (on 2003: the cluster service of Enterprise and Datacenter editions). */
    FAILOVER_CLUSTERING("Failover-Clustering"),
    /** Web Server (IIS). */
    WEB_SERVER("Web-Server"),
    /** IIS ISAPI Extensions. */
    WEB_ISAPI_EXT("Web-ISAPI-Ext"),
    /** IIS 6 Metabase Compatibility. */
    WEB_METABASE("Web-Metabase"),
    /** IIS 6 Management Console. */
    WEB_LGCY_MGMT_CONSOLE("Web-Lgcy-Mgmt-Console"),
    /** IIS Basic Authentication. */
    WEB_BASIC_AUTH("Web-Basic-Auth"),
    /** IIS Windows Authentication. */
    WEB_WINDOWS_AUTH("Web-Windows-Auth"),
    /** IIS Digest Authentication. */
    WEB_DIGEST_AUTH("Web-Digest-Auth"),
    /** IIS Dynamic Content Compression. */
    WEB_DYN_COMPRESSION("Web-Dyn-Compression"),
    /** RPC over HTTP Proxy (Outlook Anywhere on a Client Access server). */
    RPC_OVER_HTTP_PROXY("RPC-over-HTTP-Proxy"),
    /** Windows PowerShell 1.0 (Exchange 2007 setup needs it). */
    POWERSHELL("PowerShell"),
    /** .NET Framework 3.0 features. */
    NET_FRAMEWORK("NET-Framework"),
    /** Active Directory administration tools. */
    RSAT_ADDS("RSAT-ADDS"),
    /** Multipath I/O. */
    MULTIPATH_IO("Multipath-IO"),
    /** Windows Server Backup. */
    BACKUP_FEATURES("Backup-Features"),
    /** File Services (file share witnesses live on file servers). */
    FILE_SERVICES("File-Services");

    private final String id;

    ServerFeature(String id) {
        this.id = id;
    }

    /** The name ServerManagerCmd uses, for example {@code Web-ISAPI-Ext}. */
    public String id() {
        return id;
    }

    /** The feature named {@code name}, ignoring case as ServerManagerCmd does. */
    public static Optional<ServerFeature> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (ServerFeature feature : values()) {
            if (feature.id.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(feature);
            }
        }
        return Optional.empty();
    }

    /** Whether a host with {@code os} can have the feature (failover clustering needs Enterprise or Datacenter). */
    public boolean isAvailableOn(OperatingSystem os) {
        return switch (this) {
            case FAILOVER_CLUSTERING -> os.edition().supportsFailoverClustering();
            case WEB_SERVER, WEB_ISAPI_EXT, WEB_METABASE, WEB_LGCY_MGMT_CONSOLE, WEB_BASIC_AUTH, WEB_WINDOWS_AUTH,
                    WEB_DIGEST_AUTH, WEB_DYN_COMPRESSION, RPC_OVER_HTTP_PROXY, POWERSHELL, NET_FRAMEWORK, RSAT_ADDS,
                    MULTIPATH_IO, BACKUP_FEATURES, FILE_SERVICES -> true;
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
