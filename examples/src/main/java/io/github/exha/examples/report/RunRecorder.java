package io.github.exha.examples.report;

import io.github.exha.core.Lab;
import io.github.exha.replication.continuous.CopyProgress;
import io.github.exha.replication.continuous.ReplicationService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches one lab while it runs, for its report: the journal holds the states and the logs each copy inspected, not
 * what each copy replayed, so the recorder listens to the replication service's progress, which is told outside the
 * journal (the lab's journal digest is the same with or without a recorder). Attach it right after the lab is built.
 */
public final class RunRecorder {
    private final Lab lab;
    private final Map<String, Samples> copies = new LinkedHashMap<>();

    private RunRecorder(Lab lab) {
        this.lab = lab;
    }

    /** Starts watching {@code lab}: from now on every change of a copy's queues is recorded. */
    public static RunRecorder attach(Lab lab) {
        RunRecorder recorder = new RunRecorder(lab);
        lab.instance(ReplicationService.class).observeProgress(recorder::record);
        return recorder;
    }

    /** The lab watched. */
    public Lab lab() {
        return lab;
    }

    /** The lab's journal read into lanes, with the copies' progress so far, up to the lab's current instant. */
    public RunTimeline timeline() {
        Map<String, RunTimeline.CopySeries> series = new LinkedHashMap<>();
        copies.forEach((key, samples) -> series.put(key, samples.series()));
        return RunTimeline.of(lab.journal().entries(), lab.clock().instant(), series);
    }

    private void record(CopyProgress progress) {
        copies.computeIfAbsent(RunTimeline.copyKey(progress.storageGroup(), progress.targetMachine()),
                key -> new Samples()).add(progress);
    }

    /** One copy's samples in parallel growable arrays: a long run records many (one per log shipped and replayed). */
    private static final class Samples {
        private long[] times = new long[64];
        private long[] generated = new long[64];
        private long[] inspected = new long[64];
        private long[] replayed = new long[64];
        private long[] replayedLogTimes = new long[64];
        private int size;

        void add(CopyProgress p) {
            long time = RunTimeline.nanos(p.time());
            long replayedLogTime = p.replayedLogTime().map(RunTimeline::nanos).orElse(RunTimeline.NONE);
            if (size > 0 && generated[size - 1] == p.generated() && inspected[size - 1] == p.inspected()
                    && replayed[size - 1] == p.replayed() && replayedLogTimes[size - 1] == replayedLogTime) {
                return;
            }
            if (size > 0 && times[size - 1] == time) {
                size--; // several changes at one instant: the last one stands
            }
            if (size == times.length) {
                int grown = size * 2;
                times = Arrays.copyOf(times, grown);
                generated = Arrays.copyOf(generated, grown);
                inspected = Arrays.copyOf(inspected, grown);
                replayed = Arrays.copyOf(replayed, grown);
                replayedLogTimes = Arrays.copyOf(replayedLogTimes, grown);
            }
            times[size] = time;
            generated[size] = p.generated();
            inspected[size] = p.inspected();
            replayed[size] = p.replayed();
            replayedLogTimes[size] = replayedLogTime;
            size++;
        }

        RunTimeline.CopySeries series() {
            return new RunTimeline.CopySeries(Arrays.copyOf(times, size), Arrays.copyOf(generated, size),
                    Arrays.copyOf(inspected, size), Arrays.copyOf(replayed, size),
                    Arrays.copyOf(replayedLogTimes, size));
        }
    }

    @Override
    public String toString() {
        return "RunRecorder[" + lab.topology().name() + ", " + copies.size() + " copies]";
    }
}
