package io.github.exha.examples.cli;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.runbook.RunbookParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads runbook files: UTF-8 (with or without BOM), refusing bytes that are not UTF-8 rather than guessing. */
final class RunbookFiles {
    private RunbookFiles() {
    }

    static Runbook parse(Path file) {
        return RunbookParser.parse(file.toString(), read(file));
    }

    static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ExhaException(CoreErrorCode.FILE_NOT_READABLE, "Cannot read runbook '" + file
                    + "': it is not UTF-8 text (save it as UTF-8).");
        } catch (IOException e) {
            throw new ExhaException(CoreErrorCode.FILE_NOT_READABLE, "Cannot read runbook '" + file + "': "
                    + describe(e));
        }
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
