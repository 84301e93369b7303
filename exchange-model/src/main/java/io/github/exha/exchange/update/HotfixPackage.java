package io.github.exha.exchange.update;

import io.github.exha.cluster.host.Architecture;
import io.github.exha.cluster.host.OperatingSystem;
import io.github.exha.cluster.host.WindowsVersion;
import java.time.Duration;

/**
 * The Windows hotfix packages a runbook can run, each by the file name Microsoft publishes it under
 * ({@code WindowsServer2003-KB831464-x86-ENU.exe}, the "Windows Update package" format that takes Update.exe's
 * switches).
 */
public enum HotfixPackage {
    /**
     * KB831464 for Windows Server 2003 (x86), which seed 001 installs on a node, followed by a restart, before Exchange
     * 2003 SP1. CHOICE: it needs the restart (the seed reboots after it) and takes one minute to install.
     */
    KB831464("WindowsServer2003-KB831464-x86-ENU", "KB831464", WindowsVersion.WINDOWS_SERVER_2003, Architecture.X86,
            true, Duration.ofMinutes(1));

    private final String fileName;
    private final String hotfix;
    private final WindowsVersion windows;
    private final Architecture architecture;
    private final boolean restartRequired;
    private final Duration installTime;

    HotfixPackage(String fileName, String hotfix, WindowsVersion windows, Architecture architecture,
            boolean restartRequired, Duration installTime) {
        this.fileName = fileName;
        this.hotfix = hotfix;
        this.windows = windows;
        this.architecture = architecture;
        this.restartRequired = restartRequired;
        this.installTime = installTime;
    }

    /** The package's file name without {@code .exe}, which is the command's name. */
    public String fileName() {
        return fileName;
    }

    /** The hotfix it installs, {@code KB831464}. */
    public String hotfix() {
        return hotfix;
    }

    /** The title Windows shows for it: {@code Hotfix for Windows Server 2003 (KB831464)}. */
    public String title() {
        return "Hotfix for " + windows.displayName() + " (" + hotfix + ")";
    }

    /** The systems it is for: {@code Windows Server 2003, x86}. */
    public String platform() {
        return windows.displayName() + ", " + architecture.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the hotfix takes effect only after a restart. */
    public boolean restartRequired() {
        return restartRequired;
    }

    /** How long the installation takes. */
    public Duration installTime() {
        return installTime;
    }

    /** Whether the package is for this Windows installation (version, R2 included, and processor architecture). */
    public boolean appliesTo(OperatingSystem os) {
        // R2 is Windows Server 2003 with SP1 built in: packages for Windows Server 2003 apply to it.
        WindowsVersion base = switch (os.version()) {
            case WINDOWS_SERVER_2003, WINDOWS_SERVER_2003_R2 -> WindowsVersion.WINDOWS_SERVER_2003;
            case WINDOWS_SERVER_2008 -> WindowsVersion.WINDOWS_SERVER_2008;
        };
        return base == windows && os.architecture() == architecture;
    }
}
