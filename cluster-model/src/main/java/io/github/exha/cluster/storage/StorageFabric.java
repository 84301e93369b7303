package io.github.exha.cluster.storage;

import io.github.exha.storage.spi.StorageArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The storage arrays of one lab as its hosts reach them (the SAN fabric). Hosts look here for the LUNs presented
 * to them; arrays are kept sorted by name so every host enumerates disks in the same order.
 */
public final class StorageFabric {
    private final TreeMap<String, StorageArray> arrays = new TreeMap<>();

    /** A fabric holding the given arrays. */
    public static StorageFabric of(List<StorageArray> arrays) {
        StorageFabric fabric = new StorageFabric();
        for (StorageArray array : arrays) {
            fabric.add(array);
        }
        return fabric;
    }

    /**
     * Connects an array to the fabric.
     *
     * @throws IllegalArgumentException when an array of that name is already connected
     */
    public void add(StorageArray array) {
        Objects.requireNonNull(array, "array");
        if (arrays.putIfAbsent(array.name(), array) != null) {
            throw new IllegalArgumentException("an array named '" + array.name() + "' is already on the fabric");
        }
    }

    /** Every array, sorted by name. */
    public List<StorageArray> arrays() {
        return List.copyOf(new ArrayList<>(arrays.values()));
    }

    /** The array named {@code name} (exact name). */
    public Optional<StorageArray> array(String name) {
        return Optional.ofNullable(arrays.get(name));
    }

    @Override
    public String toString() {
        return "StorageFabric" + arrays.keySet();
    }
}
