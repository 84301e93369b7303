package io.github.exha.storage.spi;

/**
 * A LUN named across arrays.
 *
 * @param array the array's name
 * @param lun the LUN's name on it
 */
public record LunRef(String array, String lun) {
    public LunRef {
        ArraySpec.requireName(array, "array");
        ArraySpec.requireName(lun, "lun");
    }

    @Override
    public String toString() {
        return array + ":" + lun;
    }
}
