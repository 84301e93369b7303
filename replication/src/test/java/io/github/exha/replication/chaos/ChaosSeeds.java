package io.github.exha.replication.chaos;

import io.github.exha.core.Lab;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * What the replication chaos tests share: seeds that can be replayed one by one, and running a statement an
 * administrator might run in whatever state the chaos left, counting the product's refusals.
 *
 * <p>A test named {@code prefix} reads {@code -D<prefix>.seed} (the master seed), {@code -D<prefix>.cases} and
 * {@code -D<prefix>.verbose}; case {@code i} runs with seed {@code master + i}, and a failing case names the command
 * line that replays it alone.
 *
 * @param name the test's name, printed with the seeds
 * @param prefix the system properties' prefix
 * @param master the first case's seed
 * @param cases how many cases run
 */
public record ChaosSeeds(String name, String prefix, long master, int cases) {
    /** The seeds of test {@code name}: the defaults unless the system properties override them. */
    public static ChaosSeeds of(String name, String prefix, long defaultMaster, int defaultCases) {
        return new ChaosSeeds(name, prefix, Long.getLong(prefix + ".seed", defaultMaster),
                Integer.getInteger(prefix + ".cases", defaultCases));
    }

    /** Whether this is the full default run: no property changed the seeds or picked a few. */
    public boolean isDefaultRun(long defaultMaster, int defaultCases) {
        return master == defaultMaster && cases == defaultCases
                && System.getProperty(prefix + ".seeds", "").isBlank();
    }

    /** Whether at least {@code n} consecutive cases run (so the run's totals can be held to a minimum). */
    public boolean runsAtLeast(int n) {
        return cases >= n && System.getProperty(prefix + ".seeds", "").isBlank();
    }

    /** Whether {@code -D<prefix>.verbose=true} asks for the journal of remarkable cases. */
    public boolean verbose() {
        return Boolean.getBoolean(prefix + ".verbose");
    }

    /**
     * Prints the seeds, then runs every case in order; the first failure is rethrown naming its replay. A list
     * {@code -D<prefix>.seeds=a,b,c} runs just those seeds instead (to look at a few cases in one go).
     */
    public void run(LongConsumer oneCase) {
        String list = System.getProperty(prefix + ".seeds", "");
        long[] chosen = list.isBlank() ? java.util.stream.LongStream.range(master, master + cases).toArray()
                : java.util.Arrays.stream(list.split(",")).mapToLong(t -> Long.parseLong(t.strip())).toArray();
        System.out.println(name + ": master seed " + master + ", " + cases + " cases (seeds " + master + ".."
                + (master + cases - 1) + "); replay one with -D" + prefix + ".seed=<seed> -D" + prefix + ".cases=1"
                + (list.isBlank() ? "" : "; running only seeds " + list));
        for (long seed : chosen) {
            try {
                oneCase.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + " case failed; replay with -D" + prefix + ".seed=" + seed + " -D"
                        + prefix + ".cases=1: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs a statement an administrator might run now; the product may refuse it in the state the chaos left. A
     * refusal is counted in {@code refusals} under the command's name and the error's code.
     *
     * @return whether every step succeeded
     */
    public static boolean tryRun(Lab lab, String statement, Map<String, Integer> refusals) {
        RunReport report = lab.run(RunbookParser.parse("chaos.ps1", statement), RunOptions.defaults());
        for (StepResult step : report.steps()) {
            if (step.status() == StepStatus.FAILED) {
                refusals.merge(statement.split(" ")[0] + ": " + step.error().code(), 1, Integer::sum);
                return false;
            }
        }
        return true;
    }
}
