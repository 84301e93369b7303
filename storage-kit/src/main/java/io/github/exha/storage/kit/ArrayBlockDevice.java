package io.github.exha.storage.kit;

import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.LunRef;
import java.util.concurrent.CompletableFuture;

/** One LUN as one host sees it; every I/O is checked by the array at the moment it is made. */
final class ArrayBlockDevice<A extends AbstractStorageArray<A, P, ?>, P> implements BlockDevice {
    private final A array;
    private final ArrayLun<A, P> lun;
    private final String host;

    ArrayBlockDevice(A array, ArrayLun<A, P> lun, String host) {
        this.array = array;
        this.lun = lun;
        this.host = host;
    }

    @Override
    public LunRef lun() {
        return lun.ref();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int blockSize() {
        return lun.spec().blockSize();
    }

    @Override
    public long capacityBytes() {
        return lun.spec().capacityBytes();
    }

    @Override
    public void read(long offset, byte[] target, int from, int length) {
        array.read(lun, host, offset, target, from, length);
    }

    @Override
    public CompletableFuture<Void> write(long offset, byte[] source, int from, int length) {
        return array.write(lun, host, offset, source, from, length);
    }

    @Override
    public CompletableFuture<Void> flush() {
        return array.flush(lun, host);
    }

    @Override
    public String toString() {
        return lun.ref() + " as seen by " + host;
    }
}
