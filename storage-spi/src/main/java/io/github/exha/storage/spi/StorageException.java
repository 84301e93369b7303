package io.github.exha.storage.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A storage operation failed. Carries the code and, where they apply, the array, LUN and host concerned, so a host
 * can report "write to LUN X on array Y from host Z refused: read-only" without parsing messages.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final StorageErrorCode code;
    private final String array;
    private final String lun;
    private final String host;

    /**
     * @param code why
     * @param message a sentence for people, naming what was refused
     * @param array the array concerned, or null
     * @param lun the LUN concerned, or null
     * @param host the host concerned, or null
     */
    public StorageException(StorageErrorCode code, String message, String array, String lun, String host) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.array = array;
        this.lun = lun;
        this.host = host;
    }

    /** An error about an array as a whole (or about no array). */
    public StorageException(StorageErrorCode code, String message, String array) {
        this(code, message, array, null, null);
    }

    /** Why it failed. */
    public StorageErrorCode code() {
        return code;
    }

    /** The array concerned. */
    public Optional<String> array() {
        return Optional.ofNullable(array);
    }

    /** The LUN concerned. */
    public Optional<String> lun() {
        return Optional.ofNullable(lun);
    }

    /** The host concerned. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }
}
