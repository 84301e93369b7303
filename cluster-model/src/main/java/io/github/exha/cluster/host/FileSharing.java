package io.github.exha.cluster.host;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.Journal;
import io.github.exha.core.kernel.JournalEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shares of one host and the NTFS permissions of its folders, as {@code net share} and {@code cacls} change them
 * (seed 004 prepares a file share witness this way). Share permissions and NTFS permissions both apply to a client
 * over the network, so an account has Full Control through a share only when both grant it — what the cluster
 * checks for its computer account {@code CLUSTERNAME$} before it uses a share as witness.
 *
 * <p>Folders and files live in the host's volumes; this object keeps only the names and permissions, which survive
 * reboots like the registry and the security descriptors on disk do. A folder never given explicit permissions has
 * those it inherits from the volume root ({@link #INHERITED}).
 */
public final class FileSharing {
    /** What {@code net share} grants when no {@code /GRANT} is given (Windows Server 2003 SP1 and later). */
    public static final Map<String, SharePermission> DEFAULT_SHARE_GRANTS = Map.of("Everyone", SharePermission.READ);
    /** The permissions a new folder inherits from the root of a Windows Server 2003/2008 system volume. */
    public static final Map<String, FileAccess> INHERITED = orderedAcl(
            "BUILTIN\\Administrators", FileAccess.FULL, "NT AUTHORITY\\SYSTEM", FileAccess.FULL,
            "CREATOR OWNER", FileAccess.FULL, "BUILTIN\\Users", FileAccess.READ);

    /** One share: its name, the folder, and the share permissions per account. */
    public record Share(String name, String path, Map<String, SharePermission> grants) {
        /** Copies the grants, keeping their order. */
        public Share {
            grants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grants));
        }

        /** The UNC path on {@code host}: {@code \\HUB1\FSW_CCR_MAIL}. */
        public String uncPath(String host) {
            return "\\\\" + host + "\\" + name;
        }
    }

    private final Host host;
    private final Journal journal;
    // Keyed by lower-case share name, sorted so listings are stable.
    private final Map<String, Share> shares = new TreeMap<>();
    // Keyed by the folder's full path in lower case; explicit ACLs only.
    private final Map<String, Map<String, FileAccess>> acls = new TreeMap<>();

    FileSharing(Host host, Journal journal) {
        this.host = host;
        this.journal = journal;
    }

    /**
     * Shares a folder ({@code net share NAME=PATH [/GRANT:account,FULL]...}).
     *
     * @param grants share permissions per account; empty gives {@link #DEFAULT_SHARE_GRANTS}
     * @throws ExhaException {@code cluster.host.share-exists} (NERR_DuplicateShare, 2118) for a name in use;
     *     {@code cluster.host.no-such-folder} (NERR_UnknownDevDir, 2116) when the folder does not exist; the
     *     path errors of {@link Host#resolve}
     */
    public Share share(String name, String path, Map<String, SharePermission> grants) {
        if (name == null || name.isBlank() || name.length() > 80 || name.chars().anyMatch(c -> "\\/:*?\"<>|".indexOf(c) >= 0)) {
            throw new ExhaException(HostErrorCode.INVALID_SHARE_NAME, "The share name entered may not be acceptable to"
                    + " some MS-DOS workstations, or it contains a character that is not allowed: '" + name + "'.",
                    NativeCode.win32(2103));
        }
        if (shares.containsKey(key(name))) {
            throw new ExhaException(HostErrorCode.SHARE_EXISTS, "The name has already been shared. (" + name + " on "
                    + host.name() + " shares " + shares.get(key(name)).path() + ")", NativeCode.win32(2118));
        }
        String folder = requireFolder(path);
        Share share = new Share(name, folder, grants.isEmpty() ? DEFAULT_SHARE_GRANTS : grants);
        shares.put(key(name), share);
        journal.append(JournalEntry.Type.STATE_CHANGE, host.name(), "host.share-created", Map.of("share", name,
                "path", folder, "grants", share.grants().toString()));
        return share;
    }

    /**
     * Stops sharing ({@code net share NAME /delete}); the folder stays.
     *
     * @throws ExhaException {@code cluster.host.no-such-share} (NERR_NetNameNotFound, 2310)
     */
    public void unshare(String name) {
        Share removed = shares.remove(key(String.valueOf(name)));
        if (removed == null) {
            throw noSuchShare(name);
        }
        journal.append(JournalEntry.Type.STATE_CHANGE, host.name(), "host.share-deleted", Map.of("share", removed.name()));
    }

    /** The shares, by name. */
    public List<Share> shares() {
        return List.copyOf(shares.values());
    }

    /**
     * The share named {@code name} (ignoring case).
     *
     * @throws ExhaException {@code cluster.host.no-such-share} (NERR_NetNameNotFound, 2310)
     */
    public Share require(String name) {
        return find(name).orElseThrow(() -> noSuchShare(name));
    }

    /** The share named {@code name} (ignoring case), if any. */
    public Optional<Share> find(String name) {
        return Optional.ofNullable(name == null ? null : shares.get(key(name)));
    }

    /**
     * The NTFS permissions of a folder: its explicit ones, else those it inherits.
     *
     * @throws ExhaException {@code cluster.host.no-such-folder} when the folder does not exist
     */
    public Map<String, FileAccess> acl(String path) {
        String folder = requireFolder(path);
        return acls.getOrDefault(key(folder), INHERITED);
    }

    /**
     * Changes a folder's NTFS permissions as {@code cacls} does: in replace mode the given grants become the whole
     * list; in edit mode ({@code /E}) they are added to it, replacing an account's earlier entry, and
     * {@code revoked} accounts lose theirs.
     *
     * @return the folder's full path as Windows prints it
     * @throws ExhaException {@code cluster.host.no-such-folder} when the folder does not exist
     */
    public String changeAcl(String path, Map<String, FileAccess> grants, Set<String> revoked, boolean edit) {
        String folder = requireFolder(path);
        Map<String, FileAccess> acl = new LinkedHashMap<>(edit ? acl(folder) : Map.of());
        for (String account : revoked) {
            acl.keySet().removeIf(existing -> sameAccount(existing, account));
        }
        grants.forEach((account, access) -> {
            acl.keySet().removeIf(existing -> sameAccount(existing, account));
            acl.put(account, access);
        });
        acls.put(key(folder), java.util.Collections.unmodifiableMap(acl));
        journal.append(JournalEntry.Type.STATE_CHANGE, host.name(), "host.acl-changed", Map.of("path", folder,
                "acl", acl.toString()));
        return folder;
    }

    /**
     * The accounts with Full Control over the network through the share: Full share permission (directly or
     * through Everyone) and Full NTFS permission on the folder (likewise). Empty for an unknown share.
     */
    public Set<String> fullControlThrough(String shareName) {
        Share share = shares.get(key(String.valueOf(shareName)));
        if (share == null) {
            return Set.of();
        }
        Map<String, FileAccess> acl;
        try {
            acl = acl(share.path());
        } catch (ExhaException e) {
            // The folder was deleted under the share: nobody gets in.
            return Set.of();
        }
        Set<String> accounts = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> candidates = new ArrayList<>(share.grants().keySet());
        candidates.addAll(acl.keySet());
        for (String account : candidates) {
            if (!isEveryone(account) && fullShare(share, account) && fullNtfs(acl, account)) {
                accounts.add(account);
            }
        }
        if (isFull(share.grants(), "Everyone") && isFullAcl(acl, "Everyone")) {
            accounts.add("Everyone");
        }
        return java.util.Collections.unmodifiableSet(accounts);
    }

    /**
     * Whether {@code account} (for example {@code CCRCLUSTER$} or {@code CONTOSO\CCRCLUSTER$}) has Full Control
     * through the share: the share and the folder must both grant it, to the account or to Everyone.
     */
    public boolean grantsFullControl(String shareName, String account) {
        Share share = shares.get(key(String.valueOf(shareName)));
        if (share == null) {
            return false;
        }
        try {
            return fullShare(share, account) && fullNtfs(acl(share.path()), account);
        } catch (ExhaException e) {
            return false;
        }
    }

    private static boolean fullShare(Share share, String account) {
        return isFull(share.grants(), "Everyone") || share.grants().entrySet().stream()
                .anyMatch(e -> sameAccount(e.getKey(), account) && e.getValue() == SharePermission.FULL);
    }

    private static boolean fullNtfs(Map<String, FileAccess> acl, String account) {
        return isFullAcl(acl, "Everyone") || acl.entrySet().stream()
                .anyMatch(e -> sameAccount(e.getKey(), account) && e.getValue() == FileAccess.FULL);
    }

    private static boolean isFull(Map<String, SharePermission> grants, String account) {
        return grants.entrySet().stream().anyMatch(e -> sameAccount(e.getKey(), account) && e.getValue() == SharePermission.FULL);
    }

    private static boolean isFullAcl(Map<String, FileAccess> acl, String account) {
        return acl.entrySet().stream().anyMatch(e -> sameAccount(e.getKey(), account) && e.getValue() == FileAccess.FULL);
    }

    private static boolean isEveryone(String account) {
        return account.equalsIgnoreCase("Everyone");
    }

    /** Account names compare without case and without a domain prefix: {@code CONTOSO\NODE$} is {@code NODE$}. */
    static boolean sameAccount(String a, String b) {
        return bare(a).equalsIgnoreCase(bare(b));
    }

    private static String bare(String account) {
        // BUILTIN\ and NT AUTHORITY\ name well-known groups, which keep their prefix to stay distinct.
        String upper = account.toUpperCase(Locale.ROOT);
        if (upper.startsWith("BUILTIN\\") || upper.startsWith("NT AUTHORITY\\")) {
            return account;
        }
        int slash = account.lastIndexOf('\\');
        return slash < 0 ? account : account.substring(slash + 1);
    }

    private String requireFolder(String path) {
        WindowsPath resolved = host.resolve(path);
        if (!resolved.volume().isDirectory(resolved.path())) {
            throw new ExhaException(HostErrorCode.NO_SUCH_FOLDER, "The device or directory does not exist. (" + path
                    + " on " + host.name() + ")", NativeCode.win32(2116));
        }
        String text = resolved.toString();
        // The root keeps its backslash (C:\); other folders print without a trailing one.
        return text.length() > 3 && text.endsWith("\\") ? text.substring(0, text.length() - 1) : text;
    }

    private ExhaException noSuchShare(String name) {
        return new ExhaException(HostErrorCode.NO_SUCH_SHARE, "This shared resource does not exist. (" + name + " on "
                + host.name() + "; shares: " + shares.values().stream().map(Share::name).toList() + ")",
                NativeCode.win32(2310));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Map<String, FileAccess> orderedAcl(Object... pairs) {
        Map<String, FileAccess> acl = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            acl.put((String) pairs[i], (FileAccess) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(acl);
    }
}
