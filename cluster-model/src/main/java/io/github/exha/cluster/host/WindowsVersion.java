package io.github.exha.cluster.host;

/** The Windows Server versions the simulation knows, in release order. */
public enum WindowsVersion {
    /** Windows Server 2003 (service packs 1 and 2). */
    WINDOWS_SERVER_2003("Windows Server 2003", 0, 2),
    /** Windows Server 2003 R2 (ships with SP1 built in; SP2 applies). */
    WINDOWS_SERVER_2003_R2("Windows Server 2003 R2", 1, 2),
    /** Windows Server 2008 (released at the SP1 level of Vista, so "Service Pack 1" from the start; SP2 applies). */
    WINDOWS_SERVER_2008("Windows Server 2008", 1, 2);

    private final String displayName;
    private final int firstServicePack;
    private final int latestServicePack;

    WindowsVersion(String displayName, int firstServicePack, int latestServicePack) {
        this.displayName = displayName;
        this.firstServicePack = firstServicePack;
        this.latestServicePack = latestServicePack;
    }

    /** The service pack level the version was released with. */
    public int firstServicePack() {
        return firstServicePack;
    }

    /** The product name as Windows shows it. */
    public String displayName() {
        return displayName;
    }

    /** The newest service pack released for the version. */
    public int latestServicePack() {
        return latestServicePack;
    }

    /** Whether the version has Server Manager and its command line, {@code ServerManagerCmd.exe}. */
    public boolean hasServerManagerCmd() {
        return switch (this) {
            case WINDOWS_SERVER_2003, WINDOWS_SERVER_2003_R2 -> false;
            case WINDOWS_SERVER_2008 -> true;
        };
    }
}
