package io.github.exha.core.topology;

import com.fasterxml.jackson.core.JsonLocation;
import io.github.exha.core.error.SourcePosition;
import java.util.Arrays;

/**
 * The text of one topology file and the conversion from SnakeYAML's marks to {@link SourcePosition}s.
 * SnakeYAML counts columns in code points and also breaks lines at NEL, LS, PS and a lone CR; positions must
 * be in UTF-16 columns on those same lines, so the conversion replays SnakeYAML's line rules.
 */
final class SourceText {
    private final String file;
    private final String text;
    /** Offsets at which each line starts; computed only when an error needs a position. */
    private int[] lineStarts;

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
    }

    String file() {
        return file;
    }

    String text() {
        return text;
    }

    /** The first character of the file, for errors about the file as a whole. */
    SourcePosition start() {
        return new SourcePosition(file, 1, 1);
    }

    /** The position of a Jackson location (1-based line, 1-based code-point column); the start when unknown. */
    SourcePosition position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return start();
        }
        return position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** The position of a 1-based line and a 1-based column counted in code points, as SnakeYAML counts them. */
    SourcePosition position(int line, int codePointColumn) {
        int[] starts = lineStarts();
        int lineIndex = Math.min(Math.max(line, 1), starts.length) - 1;
        int offset = starts[lineIndex];
        for (int i = 1; i < codePointColumn && offset < text.length(); i++) {
            offset += Character.charCount(text.codePointAt(offset));
        }
        return new SourcePosition(file, lineIndex + 1, offset - starts[lineIndex] + 1);
    }

    /** The position of the code point with the given 0-based index in the whole text. */
    SourcePosition positionOfCodePoint(int codePointIndex) {
        int offset = 0;
        for (int i = 0; i < codePointIndex && offset < text.length(); i++) {
            offset += Character.charCount(text.codePointAt(offset));
        }
        return positionOfOffset(offset);
    }

    /** The position of a UTF-16 offset in the text. */
    SourcePosition positionOfOffset(int offset) {
        int[] starts = lineStarts();
        int found = Arrays.binarySearch(starts, offset);
        int lineIndex = found >= 0 ? found : -found - 2;
        return new SourcePosition(file, lineIndex + 1, offset - starts[lineIndex] + 1);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int[] starts = new int[16];
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean lineBreak = c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029'
                        || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
                if (lineBreak) {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
            lineStarts = Arrays.copyOf(starts, count);
        }
        return lineStarts;
    }
}
