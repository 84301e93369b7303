package io.github.exha.cluster.host;

/**
 * A host's Windows installation.
 *
 * @param version the Windows Server version
 * @param edition Standard, Enterprise or Datacenter
 * @param servicePack the installed service pack (0 for none), from the level the version was released with to its
 *     latest
 * @param architecture x86 or x64
 */
public record OperatingSystem(WindowsVersion version, WindowsEdition edition, int servicePack, Architecture architecture) {
    /** Validates the values. */
    public OperatingSystem {
        if (version == null) {
            throw new IllegalArgumentException("the operating system needs a version, for example WINDOWS_SERVER_2008");
        }
        if (edition == null) {
            throw new IllegalArgumentException("the operating system needs an edition: STANDARD, ENTERPRISE or DATACENTER");
        }
        if (architecture == null) {
            throw new IllegalArgumentException("the operating system needs an architecture: X86 or X64");
        }
        if (servicePack < version.firstServicePack() || servicePack > version.latestServicePack()) {
            throw new IllegalArgumentException("servicePack must be between " + version.firstServicePack() + " and "
                    + version.latestServicePack() + " for " + version.displayName() + ", found " + servicePack);
        }
    }

    /** The product as Windows names it: {@code Windows Server 2003 Enterprise x64 Edition Service Pack 2}. */
    public String caption() {
        String sp = servicePack == 0 ? "" : " Service Pack " + servicePack;
        return version.displayName() + " " + titleCase(edition.name()) + " " + architecture.name().toLowerCase(java.util.Locale.ROOT)
                + " Edition" + sp;
    }

    private static String titleCase(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return caption();
    }
}
