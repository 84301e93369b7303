package io.github.exha.core.command;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders command output the way the Exchange Management Shell prints it: tables with dashed headers, {@code Name :
 * value} lists with aligned colons, collections as {@code {a, b}}, dates in the en-US format; and converts output to
 * plain maps and lists for JSON.
 */
public final class OutputFormatter {
    // EMS on an en-US server prints DateTime like this; the lab's time zone is UTC.
    private static final DateTimeFormatter US_DATE_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private OutputFormatter() {
    }

    /** Text for a sequence of output objects: consecutive table objects of one type share a header. */
    public static String render(List<?> output) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < output.size()) {
            Object item = output.get(i);
            if (item instanceof PsObject object && object.view() == PsObject.View.TABLE) {
                int j = i;
                List<PsObject> group = new ArrayList<>();
                while (j < output.size() && output.get(j) instanceof PsObject next && next.view() == PsObject.View.TABLE
                        && next.typeName().equals(object.typeName())) {
                    group.add(next);
                    j++;
                }
                renderTable(group, out);
                i = j;
            } else if (item instanceof PsObject object) {
                renderList(object, out);
                i++;
            } else {
                out.append(valueText(item)).append('\n');
                i++;
            }
        }
        return out.toString();
    }

    /** The text PowerShell shows for one property value. */
    public static String valueText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Instant instant) {
            return US_DATE_TIME.format(instant);
        }
        if (value instanceof Duration duration) {
            return TimeSpanFormat.format(duration);
        }
        if (value instanceof Enum<?> constant) {
            return ParameterType.powerShellName(constant);
        }
        if (value instanceof PsObject object) {
            return object.identityText().orElse(object.typeName());
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object element : list) {
                parts.add(valueText(element));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return value.toString();
    }

    /**
     * A JSON-ready form: objects become ordered maps of their properties, instants ISO-8601 text, durations TimeSpan
     * text, enums their PowerShell names, lists lists; numbers, booleans, text and null stay as they are.
     */
    public static Object toPlain(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Duration duration) {
            return TimeSpanFormat.format(duration);
        }
        if (value instanceof Enum<?> constant) {
            return ParameterType.powerShellName(constant);
        }
        if (value instanceof PsObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (PsObject.Property p : object.properties()) {
                map.put(p.name(), toPlain(p.value()));
            }
            return map;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object element : list) {
                out.add(toPlain(element));
            }
            return out;
        }
        return value.toString();
    }

    private static void renderList(PsObject object, StringBuilder out) {
        int width = 0;
        for (PsObject.Property p : object.properties()) {
            width = Math.max(width, p.name().length());
        }
        out.append('\n');
        for (PsObject.Property p : object.properties()) {
            out.append(pad(p.name(), width)).append(" : ").append(valueText(p.value())).append('\n');
        }
        out.append('\n');
    }

    private static void renderTable(List<PsObject> rows, StringBuilder out) {
        List<String> columns = rows.get(0).effectiveTableColumns();
        int[] widths = new int[columns.size()];
        List<List<String>> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
        }
        for (PsObject row : rows) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String text = valueText(row.get(columns.get(c)).orElse(null));
                widths[c] = Math.max(widths[c], text.length());
                line.add(text);
            }
            cells.add(line);
        }
        out.append('\n');
        appendRow(columns, widths, out);
        List<String> dashes = new ArrayList<>();
        for (String column : columns) {
            dashes.add("-".repeat(column.length()));
        }
        appendRow(dashes, widths, out);
        for (List<String> line : cells) {
            appendRow(line, widths, out);
        }
        out.append('\n');
    }

    private static void appendRow(List<String> cells, int[] widths, StringBuilder out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append(' ');
            }
            line.append(c == cells.size() - 1 ? cells.get(c) : pad(cells.get(c), widths[c]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
