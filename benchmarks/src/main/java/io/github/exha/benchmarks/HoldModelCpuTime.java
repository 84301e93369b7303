package io.github.exha.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A development aid for a loaded machine: the hold model timed in thread CPU time, best of five rounds, so time the
 * thread spends descheduled by other processes does not count (JMH measures wall-clock time). Not a replacement
 * for the JMH figures; run with
 * {@code java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar io.github.exha.benchmarks.HoldModelCpuTime
KERNEL,PRIORITY_QUEUE 100,10000}.
 */
public final class HoldModelCpuTime {
    private static final String[] CONTESTANTS = {"KERNEL", "PRIORITY_QUEUE", "SSJ_HENRIKSEN", "SSJ_SPLAY_TREE",
        "SSJ_BINARY_TREE", "SSJ_RED_BLACK_TREE", "SSJ_DOUBLY_LINKED"};
    private static final int[] SIZES = {100, 10_000, 1_000_000};

    private HoldModelCpuTime() {
    }

    /**
     * Entry point; an optional first argument is a comma-separated list of contestants, an optional second one a
     * comma-separated list of pending-set sizes (default 100,10000,1000000).
     */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] contestants = args.length > 0 ? args[0].split(",") : CONTESTANTS;
        int[] sizes = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray() : SIZES;
        double sink = 0;
        for (int size : sizes) {
            for (String contestant : contestants) {
                if (contestant.equals("SSJ_DOUBLY_LINKED") && size > 100) {
                    continue;
                }
                HoldModel model = HoldModel.of(contestant);
                model.prefill(size);
                long holds = size >= 1_000_000 ? 2_000_000 : 5_000_000;
                for (int warmup = 0; warmup < 3; warmup++) {
                    for (long i = 0; i < holds; i++) {
                        sink += model.hold();
                    }
                }
                double best = Double.MAX_VALUE;
                for (int round = 0; round < 5; round++) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (long i = 0; i < holds; i++) {
                        sink += model.hold();
                    }
                    best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / (double) holds);
                }
                System.out.println(String.format(Locale.ROOT, "%-20s %,10d %8.1f ns/event %7.2f M events/s",
                        contestant, size, best, 1000 / best));
            }
        }
        System.out.println(sink == 42 ? "" : "(done)");
    }
}
