package io.github.exha.availability;

import io.github.exha.availability.OutageSimulation.TrialResult;
import io.github.exha.availability.ReliabilitySection.Reliability;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.IndependentTrials;
import io.github.exha.core.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Estimates the availability of the design a topology declares by Monte Carlo: {@code trials} independent draws of
 * {@code years} of component failures and repairs (see {@link OutageSimulation} for the outage semantics), run on
 * several threads through the kernel's {@link IndependentTrials}, so the same seed gives the same numbers whatever
 * the thread count.
 *
 * <p>Intervals are at {@value EstimateSettings#CONFIDENCE} confidence: a Student t-interval over the trials' yearly
 * values for availability, downtime, outages and messages lost (trials are independent and identically distributed);
 * for the RTO and RPO percentiles, the distribution-free order-statistic interval over every outage of every trial
 * (binomial ranks around the percentile). Both shrink as trials grow, roughly as one over the square root.
 */
public final class AvailabilityEstimator {
    /** The name the trials' seeds derive from (with the master seed and the trial index). */
    public static final String TRIALS = "availability.trial";

    private AvailabilityEstimator() {
    }

    /**
     * The design an estimate of {@code topology} uses.
     *
     * @throws ExhaException {@code availability.no-mailbox-server} when the topology has no mailbox server
     */
    public static AvailabilityDesign design(Topology topology) {
        return DesignReader.read(Objects.requireNonNull(topology, "topology"));
    }

    /**
     * Estimates one topology.
     *
     * @param topology the loaded topology (its {@code reliability:} section, if any, gives the figures)
     * @param calibratedFailover the failover time measured in the simulator for this topology, if the caller measured
     *     one; used unless the topology declares {@code recovery.failover}
     * @param settings years, trials, threads and seed
     * @param onTrialDone called after each trial from the thread that ran it (thread-safe), e.g. a progress bar
     * @throws ExhaException {@code availability.no-mailbox-server}, {@code availability.unknown-component}
     */
    public static TopologyEstimate estimate(Topology topology, Optional<Duration> calibratedFailover,
            EstimateSettings settings, Runnable onTrialDone) {
        AvailabilityDesign design = design(topology);
        Reliability reliability = topology.section(new ReliabilitySection()).orElse(Reliability.none());
        OutageSimulation simulation = new OutageSimulation(design, reliability, calibratedFailover, settings.years(),
                topology.file());
        List<TrialResult> trials = IndependentTrials.run(settings.seed(), TRIALS, settings.trials(), settings.threads(),
                (index, random) -> simulation.run(random), onTrialDone);
        return summarize(topology, simulation, settings, trials);
    }

    private static TopologyEstimate summarize(Topology topology, OutageSimulation simulation, EstimateSettings settings,
            List<TrialResult> trials) {
        int n = trials.size();
        double years = settings.years();
        double horizon = years * 365.25 * 24 * 3600;
        double[] unavailability = new double[n];
        double[] downtime = new double[n];
        double[] outages = new double[n];
        double[] lost = new double[n];
        List<double[]> rtos = new ArrayList<>();
        List<double[]> rpos = new ArrayList<>();
        // Trial order, whatever thread ran which trial: the sums are the same bits every time.
        for (int i = 0; i < n; i++) {
            TrialResult trial = trials.get(i);
            unavailability[i] = trial.downtimeSeconds() / horizon;
            downtime[i] = trial.downtimeSeconds() / 60 / years;
            outages[i] = trial.rpoSeconds().length / years;
            lost[i] = trial.messagesLost() / years;
            rtos.add(trial.rtoSeconds());
            rpos.add(trial.rpoSeconds());
        }
        double[] rto = concat(rtos, 1.0 / 60);
        double[] rpo = concat(rpos, 1.0);
        List<MetricEstimate> metrics = new ArrayList<>();
        double[] u = meanInterval(unavailability);
        metrics.add(new MetricEstimate(Metric.AVAILABILITY, 100 * (1 - u[0]), 100 * (1 - u[2]), 100 * (1 - u[1])));
        metrics.add(new MetricEstimate(Metric.NINES, nines(u[0]), nines(u[2]), nines(u[1])));
        metrics.add(mean(Metric.DOWNTIME_PER_YEAR, downtime));
        metrics.add(mean(Metric.OUTAGES_PER_YEAR, outages));
        metrics.add(quantile(Metric.RTO_P50, rto, 0.50));
        metrics.add(quantile(Metric.RTO_P95, rto, 0.95));
        metrics.add(quantile(Metric.RTO_P99, rto, 0.99));
        metrics.add(quantile(Metric.RPO_P50, rpo, 0.50));
        metrics.add(quantile(Metric.RPO_P95, rpo, 0.95));
        metrics.add(quantile(Metric.RPO_P99, rpo, 0.99));
        metrics.add(mean(Metric.MESSAGES_LOST_PER_YEAR, lost));
        return new TopologyEstimate(topology.file(), topology.name(), simulation.design().describe(),
                simulation.failoverSource(), rpo.length, metrics);
    }

    private static double[] concat(List<double[]> parts, double scale) {
        double[] all = new double[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (double[] part : parts) {
            for (double value : part) {
                all[at++] = value * scale;
            }
        }
        Arrays.sort(all);
        return all;
    }

    private static double nines(double unavailability) {
        if (unavailability <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return unavailability >= 1 ? 0 : -Math.log10(unavailability);
    }

    private static MetricEstimate mean(Metric metric, double[] values) {
        double[] interval = meanInterval(values);
        return new MetricEstimate(metric, interval[0], interval[1], interval[2]);
    }

    /** The mean and its Student t-interval, the lower bound kept at 0 or more (every value here is). */
    private static double[] meanInterval(double[] values) {
        int n = values.length;
        double mean = Mean.of(values).getAsDouble();
        double sd = Math.sqrt(Variance.of(values).getAsDouble());
        double t = TDistribution.of(n - 1).inverseCumulativeProbability(1 - (1 - EstimateSettings.CONFIDENCE) / 2);
        double half = t * sd / Math.sqrt(n);
        return new double[] {mean, Math.max(0, mean - half), mean + half};
    }

    /**
     * A percentile of sorted values with the order-statistic interval: the ranks between which the percentile lies
     * with the confidence level, from the binomial distribution of how many values fall below it.
     */
    private static MetricEstimate quantile(Metric metric, double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return new MetricEstimate(metric, Double.NaN, Double.NaN, Double.NaN);
        }
        double estimate = Quantile.withDefaults().evaluate(sorted, p);
        double alpha = 1 - EstimateSettings.CONFIDENCE;
        BinomialDistribution ranks = BinomialDistribution.of(n, p);
        int low = Math.max(0, Math.min(n - 1, ranks.inverseCumulativeProbability(alpha / 2) - 1));
        int high = Math.max(0, Math.min(n - 1, ranks.inverseCumulativeProbability(1 - alpha / 2)));
        return new MetricEstimate(metric, estimate, Math.min(sorted[low], estimate), Math.max(sorted[high], estimate));
    }
}
