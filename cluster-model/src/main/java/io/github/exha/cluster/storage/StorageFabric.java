package io.github.exha.cluster.storage;

import io.github.exha.storage.spi.StorageArray;
import java.util.List;
import java.util.Optional;

/** The storage arrays of a lab, by name: how hosts and disk resources find the LUNs they use. */
public interface StorageFabric {
    /** The array with this name (exact match, as arrays name themselves). */
    Optional<StorageArray> array(String name);

    /** Every array, sorted by name. */
    List<StorageArray> arrays();

    /** A fabric over a fixed list of arrays. */
    static StorageFabric of(List<StorageArray> arrays) {
        List<StorageArray> sorted = arrays.stream().sorted(java.util.Comparator.comparing(StorageArray::name)).toList();
        return new StorageFabric() {
            @Override
            public Optional<StorageArray> array(String name) {
                return sorted.stream().filter(a -> a.name().equals(name)).findFirst();
            }

            @Override
            public List<StorageArray> arrays() {
                return sorted;
            }
        };
    }
}
