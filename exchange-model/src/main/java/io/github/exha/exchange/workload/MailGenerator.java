package io.github.exha.exchange.workload;

import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Liveness;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.kernel.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.ExponentialDistribution;

/**
 * Generates mail: Poisson arrivals at the settings' rate, each message to a mailbox drawn uniformly, of a size drawn
 * from the settings' distribution, all from one named random stream of the kernel in a fixed order (gap, mailbox,
 * size), so the same seed gives the same messages at the same instants. Ids are sequential.
 *
 * <p>Each message is offered to the destination on arrival. Like transport, a message the destination cannot take
 * now, or whose delivery fails, is queued and offered again every retry interval (CHOICE: transport's default
 * {@code MessageRetryInterval}, 1 minute), oldest first. The {@link DeliveryLedger} records every submission and
 * acknowledgement. The generator's timers are daemons: they do not keep the world alive.
 */
public final class MailGenerator {
    private final Kernel kernel;
    private final WorkloadSettings settings;
    private final MailDestination destination;
    private final Supplier<List<String>> recipients;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final Deque<MailMessage> queue = new ArrayDeque<>();
    private final UniformRandomProvider random;
    private final ContinuousDistribution.Sampler gaps;
    private final LongSupplier sizes;
    private long nextId;
    private int inFlight;
    private Timer arrival;
    private Timer retry;

    /** A generator of {@code settings}' mail to {@code destination}; {@link #start()} starts it. */
    public MailGenerator(Kernel kernel, WorkloadSettings settings, MailDestination destination) {
        this(kernel, settings, settings::mailboxes, destination);
    }

    /**
     * A generator whose recipients are read at each arrival (the organization's mailboxes as they are then, so
     * mailboxes created by a runbook receive mail too); an arrival while there is none generates nothing.
     */
    public MailGenerator(Kernel kernel, WorkloadSettings settings, Supplier<List<String>> recipients,
            MailDestination destination) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        this.destination = Objects.requireNonNull(destination, "destination");
        java.util.random.RandomGenerator stream = kernel.streams().stream(settings.stream());
        this.random = stream::nextLong;
        this.gaps = ExponentialDistribution.of(1.0 / settings.messagesPerSecond()).createSampler(random);
        this.sizes = settings.sizes().sampler(random);
        this.nextId = settings.firstId();
    }

    /** Starts generating; a started generator is left as it is. */
    public void start() {
        if (arrival == null) {
            scheduleArrival();
        }
    }

    /** Stops generating; queued messages are still retried until delivered. */
    public void stop() {
        if (arrival != null) {
            arrival.cancel();
            arrival = null;
        }
    }

    /** Whether it is generating. */
    public boolean isRunning() {
        return arrival != null;
    }

    /** Generates and submits one message now (outside the arrival process), and returns it. */
    public MailMessage submitNext() {
        MailMessage message = next();
        ledger.submitted(message);
        offer(message);
        return message;
    }

    /** The ledger. */
    public DeliveryLedger ledger() {
        return ledger;
    }

    /** The messages waiting to be offered again, oldest first. */
    public List<MailMessage> queued() {
        return List.copyOf(queue);
    }

    /** How many deliveries are under way. */
    public int inFlight() {
        return inFlight;
    }

    /** The settings. */
    public WorkloadSettings settings() {
        return settings;
    }

    private void scheduleArrival() {
        long nanos = Math.max(1, Math.round(gaps.sample() * 1e9));
        arrival = kernel.scheduler().schedule(Duration.ofNanos(nanos), () -> {
            scheduleArrival();
            if (!recipients.get().isEmpty()) {
                submitNext();
            }
        }, Liveness.DAEMON);
    }

    private MailMessage next() {
        List<String> mailboxes = recipients.get();
        String mailbox = mailboxes.get(random.nextInt(mailboxes.size()));
        long size = sizes.getAsLong();
        long id = nextId++;
        return new MailMessage(id, mailbox, size, MailMessage.checksumOf(id, mailbox, size),
                kernel.clock().instant());
    }

    /** Offers a message on arrival; queues it when the destination cannot take mail now. */
    private void offer(MailMessage message) {
        Optional<Operation<Void>> delivery = destination.offer(message);
        if (delivery.isEmpty()) {
            enqueue(message, false);
        } else {
            follow(message, delivery.get());
        }
    }

    /** Records the outcome of a delivery under way; a failed one goes back to the queue. */
    private void follow(MailMessage message, Operation<Void> delivery) {
        ledger.attempted();
        inFlight++;
        delivery.whenDone(done -> {
            inFlight--;
            if (done.isFailed()) {
                ledger.failed();
                enqueue(message, false);
            } else {
                ledger.acknowledged(message.id(), done.completedAt());
            }
        });
    }

    private void enqueue(MailMessage message, boolean front) {
        if (front) {
            queue.addFirst(message);
        } else {
            queue.addLast(message);
        }
        if (retry == null) {
            retry = kernel.scheduler().schedule(settings.retryInterval(), this::retryQueue, Liveness.DAEMON);
        }
    }

    /** Offers the queued messages again, oldest first, until the destination turns one away. */
    private void retryQueue() {
        retry = null;
        int count = queue.size();
        for (int i = 0; i < count; i++) {
            MailMessage message = queue.pollFirst();
            Optional<Operation<Void>> delivery = destination.offer(message);
            if (delivery.isEmpty()) {
                // Still unavailable: keep the order and try again next interval.
                enqueue(message, true);
                return;
            }
            follow(message, delivery.get());
        }
    }

    @Override
    public String toString() {
        return "MailGenerator[" + settings.stream() + ", next id " + nextId + ", queued " + queue.size() + "]";
    }
}
