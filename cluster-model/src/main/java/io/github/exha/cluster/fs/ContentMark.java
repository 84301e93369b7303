package io.github.exha.cluster.fs;

/**
 * A witness of one file's bytes at one moment, from {@link Volume#mark}: later, {@link Volume#unchangedSince} tells
 * whether a range of them may have been written since, without reading them again. Opaque; valid only with the
 * volume (mount) that issued it.
 */
public final class ContentMark {
    final Volume volume;
    final long fileId;
    final long sequence;
    final long epoch;

    ContentMark(Volume volume, long fileId, long sequence, long epoch) {
        this.volume = volume;
        this.fileId = fileId;
        this.sequence = sequence;
        this.epoch = epoch;
    }

    @Override
    public String toString() {
        return "ContentMark[file " + fileId + ", operation " + sequence + "]";
    }
}
