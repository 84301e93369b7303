package io.github.exha.examples.report;

import io.github.exha.core.kernel.JournalEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A run's journal read as lanes over virtual time: per host its power, its state as a node of each cluster, the
 * cluster groups and resources while they are on it and the databases its Information Store runs; per storage array
 * its power and its LUNs' access states; the SAN consistency groups' replication states; the faults; and per storage
 * group copy its status and, from a {@link RunRecorder}, its queues. Consecutive identical states are one span.
 *
 * @param start the first journal entry's instant (the lab's start)
 * @param end the last instant the run reached
 * @param hosts one entry per host and per storage array, in the order the journal names them, then the SAN
 *     consistency groups ({@link #SAN_REPLICATION})
 * @param faults the faults injected, with their heals, and the fault points that fired
 * @param copies one entry per storage group copy, in the order they were enabled
 */
public record RunTimeline(Instant start, Instant end, List<HostLanes> hosts, List<FaultSpan> faults,
        List<CopyLanes> copies) {
    /** In a series of nanoseconds: no such instant (no log replayed yet). */
    static final long NONE = Long.MIN_VALUE;

    public RunTimeline {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        hosts = List.copyOf(hosts);
        faults = List.copyOf(faults);
        copies = List.copyOf(copies);
    }

    /** What a lane shows. */
    public enum LaneKind {
        /** A host's power: On, Booting, Crashed, Off... */
        HOST,
        /** The host as a node of a cluster: Up, Down, Paused, Joining. */
        CLUSTER_NODE,
        /** A cluster group while it is on this host. */
        GROUP,
        /** A resource of a cluster group while it is on this host. */
        RESOURCE,
        /** A database of the host's Information Store: Mounted, Dismounted... */
        DATABASE,
        /** A storage group copy's status. */
        COPY,
        /** A LUN's access state on its array: READ_WRITE, READ_ONLY, NOT_READY. */
        LUN,
        /** A SAN consistency group's replication state: IN_SYNC, SUSPENDED, DISCONNECTED, FAILED_OVER... */
        SAN_GROUP
    }

    /** The block of lanes holding the SAN consistency groups, after the hosts and arrays. */
    public static final String SAN_REPLICATION = "SAN replication";

    /**
     * One state of a lane from {@code start} until {@code end}.
     *
     * @param start when it began
     * @param end when it ended (the run's end if it still held)
     * @param state the state as the model names it ({@code Online}, {@code CRASHED}, {@code MOUNTED})
     */
    public record Span(Instant start, Instant end, String state) {
        public Span {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * One row of the timeline.
     *
     * @param label what it shows (a group, a resource, a database...)
     * @param detail a longer description for the tooltip (its cluster, its storage group)
     * @param kind what kind of lane it is
     * @param spans its states in time order
     */
    public record Lane(String label, String detail, LaneKind kind, List<Span> spans) {
        public Lane {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(kind, "kind");
            spans = List.copyOf(spans);
        }
    }

    /**
     * The lanes of one host (or storage array, or the SAN consistency groups).
     *
     * @param host its name
     * @param site its site, or empty
     * @param lanes its lanes: power, cluster node, groups each followed by their resources, databases
     */
    public record HostLanes(String host, String site, List<Lane> lanes) {
        public HostLanes {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(site, "site");
            lanes = List.copyOf(lanes);
        }
    }

    /**
     * A fault: injected at {@code start} and healed at {@code end}, or a single instant when {@code start} equals
     * {@code end} (a fault point that fired).
     *
     * @param start when it was injected
     * @param end when it was healed, or the run's end if it never was
     * @param label a short name ({@code host-crash NODE1})
     * @param detail a longer description (the runbook line it was injected before or during)
     * @param healed whether it was healed before the end
     */
    public record FaultSpan(Instant start, Instant end, String label, String detail, boolean healed) {
        public FaultSpan {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A storage group copy's progress over time, one sample per change, as parallel arrays (a long run has many).
     * Times are nanoseconds since the epoch; {@code replayedLogTimes} holds {@link #NONE} before any replay.
     *
     * @param times when each sample was taken
     * @param generated the newest closed log the copier had seen on the source
     * @param inspected the last log inspected at the target
     * @param replayed the last log replayed into the copy's database
     * @param replayedLogTimes when the last replayed log was created on the source
     */
    public record CopySeries(long[] times, long[] generated, long[] inspected, long[] replayed,
            long[] replayedLogTimes) {
        public CopySeries {
            int n = times.length;
            if (generated.length != n || inspected.length != n || replayed.length != n || replayedLogTimes.length != n) {
                throw new IllegalArgumentException("the series' arrays must have one value per sample");
            }
        }

        /** A series without samples. */
        static CopySeries empty() {
            return new CopySeries(new long[0], new long[0], new long[0], new long[0], new long[0]);
        }

        /** The number of samples. */
        public int size() {
            return times.length;
        }
    }

    /**
     * One storage group copy.
     *
     * @param storageGroup the storage group's identity
     * @param target the host the copy is on
     * @param kind LCR, CCR or SCR as the journal names it ({@code LOCAL}, {@code CLUSTER}, {@code STANDBY}), or empty
     * @param status its status as the journal tells it (Initializing, Seeding, Healthy, Suspended, Failed)
     * @param series its queues, or an empty series without a recorder
     */
    public record CopyLanes(String storageGroup, String target, String kind, Lane status, CopySeries series) {
        public CopyLanes {
            Objects.requireNonNull(storageGroup, "storageGroup");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(series, "series");
        }
    }

    /** The key of a copy in a recorder's series: storage group and target host. */
    static String copyKey(String storageGroup, String target) {
        return storageGroup + "|" + target.toUpperCase(Locale.ROOT);
    }

    /** Nanoseconds since the epoch (fits a long until the year 2262). */
    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /**
     * Reads {@code entries} (a lab's journal, in order) into lanes up to {@code now}, with the copies' {@code series}
     * by {@link #copyKey}.
     */
    public static RunTimeline of(List<JournalEntry> entries, Instant now, Map<String, CopySeries> series) {
        Reader reader = new Reader();
        Instant start = entries.isEmpty() ? now : entries.get(0).time();
        Instant end = now;
        for (JournalEntry entry : entries) {
            reader.read(entry);
            if (entry.time().isAfter(end)) {
                end = entry.time();
            }
        }
        return reader.finish(start, end, series);
    }

    /** Builds lanes while reading the journal. */
    private static final class Reader {
        private final Map<String, HostBuilder> hosts = new LinkedHashMap<>();
        // "cluster|group" -> the host it was last seen on
        private final Map<String, String> groupHosts = new LinkedHashMap<>();
        // "cluster|group|resource" -> the host it was last seen on
        private final Map<String, String> resourceHosts = new LinkedHashMap<>();
        private final Map<String, LaneBuilder> copies = new LinkedHashMap<>();
        private final Map<String, String> copyKinds = new LinkedHashMap<>();
        private final Map<String, FaultBuilder> openFaults = new LinkedHashMap<>();
        private final List<FaultSpan> faults = new ArrayList<>();
        private final List<FaultBuilder> allFaults = new ArrayList<>();
        // "array|LUN" -> when it was created (its access state until the first change is that change's "from")
        private final Map<String, Instant> lunsCreated = new LinkedHashMap<>();
        private int lanes;

        void read(JournalEntry e) {
            Instant t = e.time();
            switch (e.type()) {
                case STATE_CHANGE -> state(e, t);
                case EVENT_LOG -> copyEvent(e, t);
                case FAULT -> fault(e, t);
                case COMMAND, NOTE -> {
                    // Steps come from the run's report; notes hold no state.
                }
            }
        }

        private void state(JournalEntry e, Instant t) {
            switch (e.name()) {
                case "host.created" -> {
                    HostBuilder host = host(e.source());
                    host.site = e.attributes().getOrDefault("site", "");
                    host.lane("power", "0", "power", "host " + e.source() + " (power)", LaneKind.HOST)
                            .set(t, e.attributes().getOrDefault("power", "ON"));
                }
                case "host.power" -> host(e.source()).lane("power", "0", "power", "host " + e.source() + " (power)",
                        LaneKind.HOST).set(t, e.attribute("to"));
                case "node.state" -> {
                    String node = e.attribute("node");
                    if (!blank(node)) {
                        host(node).lane("node|" + e.source(), "1|" + e.source(), "node of " + e.source(),
                                "cluster node state in " + e.source(), LaneKind.CLUSTER_NODE).set(t, e.attribute("to"));
                    }
                }
                case "group.state" -> group(e, t);
                case "group.deleted" -> {
                    String key = e.source() + "|" + e.attribute("group");
                    String on = groupHosts.remove(key);
                    if (on != null) {
                        host(on).end("group|" + key, t);
                    }
                }
                case "resource.state" -> resource(e, t);
                case "resource.deleted" -> {
                    String key = e.source() + "|" + e.attribute("group") + "|" + e.attribute("resource");
                    String on = resourceHosts.remove(key);
                    if (on != null) {
                        host(on).end("resource|" + key, t);
                    }
                }
                case "exchange.store.database-state" -> {
                    String database = e.attribute("database");
                    if (!blank(database)) {
                        host(e.source()).lane("db|" + database, "3|" + database, shortName(database),
                                "database " + database, LaneKind.DATABASE).set(t, e.attribute("to"));
                    }
                }
                case "copy.enabled" -> {
                    copyKinds.put(copyKey(e), e.attributes().getOrDefault("kind", ""));
                    copy(e).set(t, "Initializing");
                }
                case "copy.retargeted" -> {
                    String from = RunTimeline.copyKey(e.attribute("storageGroup"), e.attributes().getOrDefault("from", ""));
                    LaneBuilder old = copies.get(from);
                    if (old != null) {
                        old.end(t);
                    }
                    copyKinds.put(copyKey(e), copyKinds.getOrDefault(from, ""));
                    copy(e).set(t, "Initializing");
                }
                case "copy.disabled" -> copy(e).end(t);
                case "storage.lun-created" -> {
                    array(e.source(), t);
                    lunsCreated.put(e.source() + "|" + e.attribute("subject"), t);
                }
                case "storage.array-power-changed" -> array(e.source(), t).set(t,
                        "off".equalsIgnoreCase(e.attribute("powered")) ? "OFF" : "ON");
                case "storage.access-state-changed" -> {
                    array(e.source(), t);
                    LaneBuilder lun = host(e.source()).lane("lun|" + e.attribute("subject"), "4|"
                            + e.attribute("subject"), "LUN " + e.attribute("subject"), "access state of LUN "
                            + e.attribute("subject") + " on array " + e.source(), LaneKind.LUN);
                    Instant created = lunsCreated.get(e.source() + "|" + e.attribute("subject"));
                    if (lun.state == null && created != null && !blank(e.attribute("from"))) {
                        lun.set(created, e.attribute("from"));
                    }
                    lun.set(t, e.attribute("to"));
                }
                case "storage.replication-state-changed" -> host(SAN_REPLICATION).lane("cg|" + e.attribute("subject"),
                        "5|" + e.attribute("subject"), e.attribute("subject"), "consistency group "
                                + e.attribute("subject") + " (as array " + e.source() + " last reported it)",
                        LaneKind.SAN_GROUP).set(t, e.attribute("to"));
                default -> {
                    // Other state changes (configuration, shares, volumes) are not drawn.
                }
            }
        }

        private void group(JournalEntry e, Instant t) {
            String key = e.source() + "|" + e.attribute("group");
            String node = e.attribute("node");
            String previous = groupHosts.get(key);
            String on = blank(node) ? previous : node;
            if (on == null) {
                return;
            }
            if (previous != null && !previous.equalsIgnoreCase(on)) {
                host(previous).end("group|" + key, t);
            }
            groupHosts.put(key, on);
            host(on).lane("group|" + key, "2|" + key + "|0", e.attribute("group"),
                    "group " + e.attribute("group") + " of cluster " + e.source(), LaneKind.GROUP)
                    .set(t, e.attribute("to"));
        }

        private void resource(JournalEntry e, Instant t) {
            String group = e.source() + "|" + e.attribute("group");
            String key = group + "|" + e.attribute("resource");
            String node = e.attribute("node");
            String previous = resourceHosts.get(key);
            String on = blank(node) ? previous : node;
            if (on == null) {
                return;
            }
            if (previous != null && !previous.equalsIgnoreCase(on)) {
                host(previous).end("resource|" + key, t);
            }
            resourceHosts.put(key, on);
            host(on).lane("resource|" + key, "2|" + group + "|1|", e.attribute("resource"),
                    "resource " + e.attribute("resource") + " of group " + e.attribute("group") + " (cluster "
                            + e.source() + ")", LaneKind.RESOURCE).set(t, e.attribute("to"));
        }

        private void copyEvent(JournalEntry e, Instant t) {
            if (e.attribute("storageGroup") == null || e.attribute("target") == null) {
                return;
            }
            switch (e.name()) {
                case "copy.seeding" -> copy(e).set(t, "Seeding");
                case "copy.seeded", "copy.resumed" -> copy(e).set(t, "Healthy");
                case "copy.failed" -> copy(e).set(t, "Failed");
                case "copy.suspended" -> copy(e).set(t, "Suspended");
                default -> {
                    // Inspection failures, activations and reseeds are in the steps' outputs and the journal.
                }
            }
        }

        private void fault(JournalEntry e, Instant t) {
            switch (e.name()) {
                case "chaos.injected" -> {
                    String key = "chaos|" + e.attribute("kind") + "|" + e.attribute("target");
                    String where = e.attribute("line") == null ? "" : ("true".equals(e.attribute("during"))
                            ? " during line " : " before line ") + e.attribute("line");
                    open(key, t, e.attribute("kind") + " " + e.attribute("target"),
                            "chaos fault " + e.attribute("kind") + " on " + e.attribute("target") + where);
                }
                case "chaos.healed" -> close("chaos|" + e.attribute("kind") + "|" + e.attribute("target"), t);
                case "fault.armed" -> open("point|" + e.source(), t, e.source() + " armed",
                        "fault point " + e.source() + " armed " + e.attributes());
                case "fault.disarmed" -> close("point|" + e.source(), t);
                default -> {
                    FaultBuilder f = new FaultBuilder(t, e.source() + " " + e.name(),
                            "fault " + e.source() + " " + e.name() + " " + e.attributes());
                    f.end = t;
                    allFaults.add(f);
                }
            }
        }

        private void open(String key, Instant t, String label, String detail) {
            FaultBuilder f = new FaultBuilder(t, label, detail);
            FaultBuilder replaced = openFaults.put(key, f);
            if (replaced != null) {
                replaced.end = t;
            }
            allFaults.add(f);
        }

        private void close(String key, Instant t) {
            FaultBuilder f = openFaults.remove(key);
            if (f != null) {
                f.end = t;
            }
        }

        private LaneBuilder copy(JournalEntry e) {
            String key = copyKey(e);
            return copies.computeIfAbsent(key, k -> new LaneBuilder(e.attribute("storageGroup") + " on "
                    + e.attribute("target"), "copy of " + e.attribute("storageGroup") + " on "
                    + e.attribute("target"), LaneKind.COPY, lanes++, ""));
        }

        private static String copyKey(JournalEntry e) {
            return RunTimeline.copyKey(e.attribute("storageGroup"), e.attribute("target"));
        }

        /** A storage array's block, its power lane started (an array is on when it first shows up). */
        private LaneBuilder array(String name, Instant t) {
            HostBuilder array = host(name);
            array.site = "storage array";
            LaneBuilder power = array.lane("power", "0", "power", "array " + name + " (power)", LaneKind.HOST);
            if (power.state == null && power.spans.isEmpty()) {
                power.set(t, "ON");
            }
            return power;
        }

        private HostBuilder host(String name) {
            return hosts.computeIfAbsent(name.toUpperCase(Locale.ROOT), k -> new HostBuilder(name));
        }

        RunTimeline finish(Instant start, Instant end, Map<String, CopySeries> series) {
            List<HostLanes> hostLanes = new ArrayList<>();
            List<HostBuilder> ordered = new ArrayList<>(hosts.values());
            ordered.sort(Comparator.comparing((HostBuilder h) -> h.name.equals(SAN_REPLICATION)));
            for (HostBuilder host : ordered) {
                List<LaneBuilder> sorted = new ArrayList<>(host.lanes.values());
                sorted.sort(Comparator.comparing((LaneBuilder l) -> l.order).thenComparingInt(l -> l.sequence));
                hostLanes.add(new HostLanes(host.name, host.site, sorted.stream().map(l -> l.build(end)).toList()));
            }
            for (FaultBuilder f : allFaults) {
                faults.add(new FaultSpan(f.start, f.end == null ? end : f.end, f.label, f.detail, f.end != null));
            }
            List<CopyLanes> copyLanes = new ArrayList<>();
            copies.forEach((key, lane) -> {
                String[] parts = key.split("\\|", 2);
                String target = lane.label.substring(lane.label.lastIndexOf(" on ") + 4);
                copyLanes.add(new CopyLanes(parts[0], target, copyKinds.getOrDefault(key, ""), lane.build(end),
                        series.getOrDefault(key, CopySeries.empty())));
            });
            // A copy the recorder saw but the journal did not enable (none today) still gets its chart.
            series.forEach((key, s) -> {
                if (!copies.containsKey(key)) {
                    String[] parts = key.split("\\|", 2);
                    copyLanes.add(new CopyLanes(parts[0], parts[1], "", new Lane(parts[0] + " on " + parts[1], "",
                            LaneKind.COPY, List.of()), s));
                }
            });
            return new RunTimeline(start, end, hostLanes, faults, copyLanes);
        }

        /** A host and its lanes by key. */
        private final class HostBuilder {
            final String name;
            String site = "";
            final Map<String, LaneBuilder> lanes = new LinkedHashMap<>();

            HostBuilder(String name) {
                this.name = name;
            }

            LaneBuilder lane(String key, String order, String label, String detail, LaneKind kind) {
                return lanes.computeIfAbsent(key, k -> new LaneBuilder(label, detail, kind, Reader.this.lanes++,
                        order));
            }

            void end(String key, Instant t) {
                LaneBuilder lane = lanes.get(key);
                if (lane != null) {
                    lane.end(t);
                }
            }
        }
    }

    /** A lane being read: its closed spans and the state it is in since when. */
    private static final class LaneBuilder {
        final String label;
        final String detail;
        final LaneKind kind;
        final int sequence;
        final String order;
        final List<Span> spans = new ArrayList<>();
        String state;
        Instant since;

        LaneBuilder(String label, String detail, LaneKind kind, int sequence, String order) {
            this.label = label;
            this.detail = detail;
            this.kind = kind;
            this.sequence = sequence;
            this.order = order;
        }

        void set(Instant t, String to) {
            if (blank(to) || to.equals(state)) {
                return;
            }
            end(t);
            state = to;
            since = t;
        }

        void end(Instant t) {
            if (state != null) {
                if (t.isAfter(since)) {
                    spans.add(new Span(since, t, state));
                }
                state = null;
                since = null;
            }
        }

        Lane build(Instant end) {
            List<Span> all = new ArrayList<>(spans);
            if (state != null && end.isAfter(since)) {
                all.add(new Span(since, end, state));
            }
            // Merge spans of one state that touch: a group ended on a host and came back at the same instant.
            List<Span> merged = new ArrayList<>();
            for (Span s : all) {
                Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && last.state().equals(s.state()) && !s.start().isAfter(last.end())) {
                    merged.set(merged.size() - 1, new Span(last.start(), s.end(), s.state()));
                } else {
                    merged.add(s);
                }
            }
            return new Lane(label, detail, kind, merged);
        }
    }

    /** A fault being read. */
    private static final class FaultBuilder {
        final Instant start;
        final String label;
        final String detail;
        Instant end;

        FaultBuilder(Instant start, String label, String detail) {
            this.start = start;
            this.label = label;
            this.detail = detail;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** {@code Server\Storage Group\Database} as {@code Storage Group\Database}: the host already says the server. */
    private static String shortName(String identity) {
        int first = identity.indexOf('\\');
        return first < 0 ? identity : identity.substring(first + 1);
    }
}
