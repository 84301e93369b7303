package io.github.exha.cluster.membership;

import io.github.exha.core.error.ExhaException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file share witness (Windows 2003 SP1 with KB921181, or 2008 Node and File Share Majority): a share on a host
 * outside the cluster, best a Hub Transport server for CCR (DOMAIN.md §3).
 *
 * @param host the computer holding the share
 * @param share the share's name
 * @param fullControl the accounts the share (and its folder) grants Full Control; the cluster's computer account
 *     {@code CLUSTERNAME$} must be among them or configuring the witness is refused
 */
public record FileShareWitness(String host, String share, Set<String> fullControl) implements Witness {
    /** Validates and stores the grants as an unmodifiable sorted copy, so equal witnesses print equally. */
    public FileShareWitness {
        if (host == null || host.isBlank() || share == null || share.isBlank()) {
            throw new ExhaException(QuorumErrorCode.INVALID_WITNESS, "A file share witness needs a host and a share name.");
        }
        if (fullControl == null || fullControl.stream().anyMatch(a -> a == null || a.isBlank())) {
            throw new ExhaException(QuorumErrorCode.INVALID_WITNESS, "The Full Control grants of \\\\" + host + "\\" + share
                    + " must not be null or blank.");
        }
        fullControl = Set.copyOf(new TreeSet<>(fullControl));
    }

    /** The UNC path. */
    public String path() {
        return "\\\\" + host + "\\" + share;
    }

    @Override
    public String displayName() {
        return path();
    }

    /** Whether {@code account} (case-insensitive, as Windows compares account names) has Full Control. */
    public boolean grantsFullControl(String account) {
        String wanted = account.toLowerCase(Locale.ROOT);
        return fullControl.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
