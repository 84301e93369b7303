package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.Comparator;
import java.util.Locale;

/**
 * The ESE version stamp of a database header ({@code Engine ulVersion: 0x620,12} in eseutil /mh): the database format
 * version and its update number. The first mount under newer binaries stamps the database with their (newer) version,
 * after which backups taken before can no longer be restored onto it (DOMAIN.md §6). Which build of Exchange stamps
 * which version is the caller's knowledge: the store takes the binaries' stamp as a plain value.
 *
 * @param format the format version, {@code 0x620} for ESE98 and later
 * @param update the update number within the format
 */
public record EseVersion(int format, int update) implements Comparable<EseVersion> {
    private static final Comparator<EseVersion> ORDER = Comparator.comparingInt(EseVersion::format)
            .thenComparingInt(EseVersion::update);

    /** Validates the version. */
    public EseVersion {
        if (format <= 0 || update < 0) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "an ESE version is a positive format and an update"
                    + " of 0 or more: " + format + "," + update);
        }
    }

    /**
     * Reads {@code 0x620,12} as eseutil prints it.
     *
     * @throws ExhaException {@code INVALID_ARGUMENT} for any other text
     */
    public static EseVersion parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split(",");
        try {
            if (parts.length == 2 && parts[0].strip().toLowerCase(Locale.ROOT).startsWith("0x")) {
                return new EseVersion(Integer.parseInt(parts[0].strip().substring(2), 16),
                        Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "an ESE version reads like 0x620,12: " + text);
    }

    /** Whether this version is newer than {@code other}. */
    public boolean isNewerThan(EseVersion other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(EseVersion other) {
        return ORDER.compare(this, other);
    }

    /** {@code 0x620,12}. */
    @Override
    public String toString() {
        return "0x" + Integer.toHexString(format) + "," + update;
    }
}
