package io.github.exha.cluster.fs;

import io.github.exha.storage.spi.BlockDevice;
import io.github.exha.storage.spi.LunRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A device that logs every write the filesystem issues, in order, so a test can rebuild any prefix of them. */
final class RecordingDevice implements BlockDevice {
    private final BlockDevice delegate;
    final List<Write> writes = new ArrayList<>();

    RecordingDevice(BlockDevice delegate) {
        this.delegate = delegate;
    }

    record Write(long offset, byte[] bytes) {
    }

    @Override
    public LunRef lun() {
        return delegate.lun();
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public int blockSize() {
        return delegate.blockSize();
    }

    @Override
    public long capacityBytes() {
        return delegate.capacityBytes();
    }

    @Override
    public void read(long offset, byte[] target, int from, int length) {
        delegate.read(offset, target, from, length);
    }

    @Override
    public CompletableFuture<Void> write(long offset, byte[] source, int from, int length) {
        CompletableFuture<Void> result = delegate.write(offset, source, from, length);
        writes.add(new Write(offset, Arrays.copyOfRange(source, from, from + length)));
        return result;
    }

    @Override
    public CompletableFuture<Void> flush() {
        return delegate.flush();
    }

    /** Replays the first {@code count} writes onto {@code target}. */
    void replay(int count, BlockDevice target) {
        for (int i = 0; i < count; i++) {
            Write write = writes.get(i);
            target.write(write.offset(), write.bytes(), 0, write.bytes().length);
        }
    }
}
