package io.github.exha.exchange.config;

import java.util.Locale;

/** Checks the absolute local paths Exchange stores in the directory ({@code F:\Logs\First Storage Group}). */
final class WindowsPaths {
    private WindowsPaths() {
    }

    static String requireAbsolute(String path, String parameter) {
        if (path == null || !path.matches("[A-Za-z]:\\\\.*") || path.contains("\\\\") || path.matches(".*[<>\"|?*].*")
                || path.length() > 259) {
            throw new IllegalArgumentException(parameter + " must be an absolute local path such as "
                    + "F:\\Logs\\First Storage Group: '" + path + "'");
        }
        return path;
    }

    /** Whether two paths are the same, as Windows compares them. */
    static boolean same(String a, String b) {
        return strip(a).toLowerCase(Locale.ROOT).equals(strip(b).toLowerCase(Locale.ROOT));
    }

    private static String strip(String path) {
        return path.endsWith("\\") && path.length() > 3 ? path.substring(0, path.length() - 1) : path;
    }
}
