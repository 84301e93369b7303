package io.github.exha.core.runbook;

import io.github.exha.core.error.SourcePosition;
import java.util.Arrays;

/**
 * Maps character offsets of one runbook text to 1-based {@link SourcePosition}s. Lines end at {@code \n},
 * {@code \r\n} or a lone {@code \r}; columns count UTF-16 units (a tab is one column). A byte order mark at the
 * very start is not part of line 1, so the first visible character is at column 1.
 */
final class SourceLines {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final String file;
    private final int start;
    private final int[] lineStarts;
    private final int lineCount;

    SourceLines(String file, String text) {
        this.file = file;
        this.start = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = start;
        int length = text.length();
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || (c == '\r' && (i + 1 == length || text.charAt(i + 1) != '\n'));
            if (lineBreak) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = starts;
        this.lineCount = count;
    }

    /** The offset of the first character after an optional byte order mark. */
    int start() {
        return start;
    }

    /** How many lines the text has (an empty text, or one ending in a newline, still has a last empty line). */
    int lineCount() {
        return lineCount;
    }

    /** The position of the character at {@code offset}; the end of the text maps to just after its last character. */
    SourcePosition at(int offset) {
        int index = Arrays.binarySearch(lineStarts, 0, lineCount, Math.max(offset, start));
        int line = index >= 0 ? index : -index - 2;
        return new SourcePosition(file, line + 1, Math.max(offset, start) - lineStarts[line] + 1);
    }
}
