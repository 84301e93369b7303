package io.github.exha.cluster.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A path inside a volume, normalised as Win32 does: {@code \} and {@code /} separate components, repeated separators
 * collapse, {@code .} and {@code ..} resolve (never above the root), trailing dots and spaces of a component are
 * stripped. Names are kept as typed; {@link #key(String)} gives the case-insensitive form used for lookups.
 *
 * @param components the names from the root, none empty
 * @param keys the components' lookup keys ({@link #key(String)}), computed once: every lookup walks them
 */
record VolumePath(List<String> components, List<String> keys) {
    /**
     * The longest {@code \a\b} path accepted: 257 characters. MAX_PATH (260) counts the terminating NUL, so a full
     * path such as {@code F:\a\b} holds at most 259 characters, 257 of them after the drive's {@code F:}.
     */
    static final int MAX_PATH_LENGTH = 257;
    /** The longest single name NTFS stores. */
    static final int MAX_COMPONENT_LENGTH = 255;

    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9");

    VolumePath {
        components = List.copyOf(components);
        keys = List.copyOf(keys);
        if (keys.size() != components.size()) {
            throw new IllegalArgumentException("one key per component");
        }
    }

    /** The path of {@code components}, with their keys. */
    VolumePath(List<String> components) {
        this(components, components.stream().map(VolumePath::key).toList());
    }

    /** The root directory. */
    static final VolumePath ROOT = new VolumePath(List.of());

    /**
     * Parses a path as given by a caller.
     *
     * @throws io.github.exha.core.error.ExhaException INVALID_NAME (123) or NAME_TOO_LONG (206)
     */
    static VolumePath parse(String path) {
        if (path == null) {
            throw Win32Error.INVALID_NAME.exception("path is null");
        }
        List<String> out = new ArrayList<>();
        int length = path.length();
        for (int start = 0; start <= length; start++) {
            // The names between separators (either slash), scanned by hand: every volume call parses its path.
            int stop = start;
            while (stop < length && path.charAt(stop) != '\\' && path.charAt(stop) != '/') {
                stop++;
            }
            String raw = path.substring(start, stop);
            start = stop;
            if (raw.isEmpty() || raw.equals(".")) {
                continue;
            }
            if (raw.equals("..")) {
                // As GetFullPathName: ".." at the root is the root (C:\..\..\etc is C:\etc), so no path leaves
                // its volume, however many ".." it has.
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(component(raw, path));
        }
        VolumePath parsed = new VolumePath(out);
        if (parsed.length() > MAX_PATH_LENGTH) {
            throw Win32Error.FILENAME_EXCED_RANGE.exception("'" + path + "' is longer than MAX_PATH");
        }
        return parsed;
    }

    private static String component(String raw, String path) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 32 || "<>:\"|?*".indexOf(c) >= 0) {
                throw Win32Error.INVALID_NAME.exception("'" + path + "' contains a character Windows forbids in names");
            }
        }
        // Win32 silently drops trailing dots and spaces ("log. " names the file "log").
        int end = raw.length();
        while (end > 0 && (raw.charAt(end - 1) == '.' || raw.charAt(end - 1) == ' ')) {
            end--;
        }
        String name = raw.substring(0, end);
        if (name.isEmpty()) {
            throw Win32Error.INVALID_NAME.exception("'" + path + "' has a name made of dots and spaces only");
        }
        if (name.length() > MAX_COMPONENT_LENGTH) {
            throw Win32Error.FILENAME_EXCED_RANGE.exception("a name in '" + path + "' is longer than 255 characters");
        }
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).stripTrailing();
        // Every reserved device name has three or four letters: only those are upper-cased and looked up.
        if (base.length() >= 3 && base.length() <= 4 && RESERVED.contains(base.toUpperCase(Locale.ROOT))) {
            throw Win32Error.INVALID_NAME.exception("'" + name + "' is a reserved device name");
        }
        return name;
    }

    /** The case-insensitive lookup key of a name. */
    static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    /** The last name; the root has none. */
    String name() {
        return components.get(components.size() - 1);
    }

    /** The directory holding this path. */
    VolumePath parent() {
        return new VolumePath(components.subList(0, components.size() - 1), keys.subList(0, keys.size() - 1));
    }

    /** The last name's key. */
    String nameKey() {
        return keys.get(keys.size() - 1);
    }

    /** Whether {@code other} is this path or lies below it (case-insensitively). */
    boolean contains(VolumePath other) {
        if (other.components.size() < components.size()) {
            return false;
        }
        for (int i = 0; i < components.size(); i++) {
            if (!keys.get(i).equals(other.keys.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The length of {@link #toString()}, without building it. */
    private int length() {
        int length = 1 + Math.max(0, components.size() - 1);
        for (String name : components) {
            length += name.length();
        }
        return length;
    }

    @Override
    public String toString() {
        return "\\" + String.join("\\", components);
    }
}
