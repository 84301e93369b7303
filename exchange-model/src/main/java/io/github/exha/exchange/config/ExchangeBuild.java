package io.github.exha.exchange.config;

import io.github.exha.core.command.PowerShellName;
import java.util.Locale;
import java.util.Optional;

/**
 * An Exchange release and the build number its binaries carry (DOMAIN.md §4). The builds of 2003 SP2 and of the
 * 2007 service packs are modelling choices (CHOICE in DOMAIN.md); the others are Microsoft's.
 */
public enum ExchangeBuild implements PowerShellName {
    /** Exchange 2003 RTM, 6.5.6944.4. */
    EXCHANGE_2003_RTM(ExchangeVersion.EXCHANGE_2003, 0, 6, 5, 6944, 4),
    /** Exchange 2003 SP1, 6.5.7226.6 (the build seed 001 names). */
    EXCHANGE_2003_SP1(ExchangeVersion.EXCHANGE_2003, 1, 6, 5, 7226, 6),
    /** Exchange 2003 SP2, 6.5.7638.2 (CHOICE). */
    EXCHANGE_2003_SP2(ExchangeVersion.EXCHANGE_2003, 2, 6, 5, 7638, 2),
    /** Exchange 2007 RTM, 8.0.685.24: "Version 8.0 (Build 685.24)". */
    EXCHANGE_2007_RTM(ExchangeVersion.EXCHANGE_2007, 0, 8, 0, 685, 24),
    /** Exchange 2007 SP1, 8.1.240.6 (CHOICE). */
    EXCHANGE_2007_SP1(ExchangeVersion.EXCHANGE_2007, 1, 8, 1, 240, 6),
    /** Exchange 2007 SP2, 8.2.176.2 (CHOICE). */
    EXCHANGE_2007_SP2(ExchangeVersion.EXCHANGE_2007, 2, 8, 2, 176, 2),
    /** Exchange 2007 SP3, 8.3.83.6 (CHOICE). */
    EXCHANGE_2007_SP3(ExchangeVersion.EXCHANGE_2007, 3, 8, 3, 83, 6);

    private final ExchangeVersion version;
    private final int servicePack;
    private final int major;
    private final int minor;
    private final int build;
    private final int revision;

    ExchangeBuild(ExchangeVersion version, int servicePack, int major, int minor, int build, int revision) {
        this.version = version;
        this.servicePack = servicePack;
        this.major = major;
        this.minor = minor;
        this.build = build;
        this.revision = revision;
    }

    /** The generation. */
    public ExchangeVersion version() {
        return version;
    }

    /** The service pack level, 0 for RTM. */
    public int servicePack() {
        return servicePack;
    }

    /** The four-part build number, {@code 8.1.240.6}. */
    public String buildNumber() {
        return major + "." + minor + "." + build + "." + revision;
    }

    /**
     * The version as the admin tools print it: EMS's AdminDisplayVersion {@code Version 8.1 (Build 240.6)} for 2007,
     * Exchange System Manager's {@code Version 6.5 (Build 7226.6: Service Pack 1)} for 2003.
     */
    public String displayVersion() {
        String text = "Version " + major + "." + minor + " (Build " + build + "." + revision;
        return switch (version) {
            case EXCHANGE_2003 -> text + (servicePack == 0 ? ")" : ": Service Pack " + servicePack + ")");
            case EXCHANGE_2007 -> text + ")";
        };
    }

    /** The ESE database format every build here writes ({@code 0x620} in eseutil /mh's {@code Engine ulVersion}). */
    public static final int ESE_FORMAT = 0x620;

    /**
     * The ESE update number this build stamps on a database at its first mount ({@code 0x620,<update>}). CHOICE: one
     * step per release, 9 for 2003 RTM up to 15 for 2007 SP3 — later releases have larger stamps, so a backup taken
     * under an earlier build cannot be restored onto a database a later build has mounted (DOMAIN.md §6).
     */
    public int eseUpdate() {
        return 9 + ordinal();
    }

    /** Whether this build is a later release of the same generation than {@code other}. */
    public boolean isNewerThan(ExchangeBuild other) {
        return version == other.version && compareTo(other) > 0;
    }

    /** {@code Exchange 2007 SP1}, {@code Exchange 2003 RTM}. */
    @Override
    public String powerShellName() {
        String year = switch (version) {
            case EXCHANGE_2003 -> "2003";
            case EXCHANGE_2007 -> "2007";
        };
        return "Exchange " + year + (servicePack == 0 ? " RTM" : " SP" + servicePack);
    }

    /**
     * The build a topology or a command names: the constant ({@code EXCHANGE_2007_SP1}), the release
     * ({@code 2007 SP1}, {@code Exchange 2003 RTM}) or the build number ({@code 8.1.240.6}).
     */
    public static Optional<ExchangeBuild> parse(String text) {
        String wanted = text.strip();
        String normalized = wanted.toUpperCase(Locale.ROOT).replaceFirst("^EXCHANGE[ _]", "").replace(' ', '_');
        for (ExchangeBuild candidate : values()) {
            if (candidate.name().equalsIgnoreCase(wanted) || candidate.buildNumber().equals(wanted)
                    || candidate.name().equals("EXCHANGE_" + normalized)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The newest build of a generation. */
    public static ExchangeBuild latest(ExchangeVersion version) {
        ExchangeBuild latest = null;
        for (ExchangeBuild candidate : values()) {
            if (candidate.version == version) {
                latest = candidate;
            }
        }
        return latest;
    }
}
