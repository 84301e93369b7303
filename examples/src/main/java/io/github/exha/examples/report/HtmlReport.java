package io.github.exha.examples.report;

import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Renders a {@link ReportedRun} as one self-contained HTML page: inline CSS and SVG, no script, font or image from
 * anywhere else, so it reads offline and in a mail. Every text from the run (runbook lines, error messages, names) is
 * escaped. Every chart shares one time axis, so a step's or a fault's marker lines up across the timeline and the
 * replication charts; hovering a bar or a marker shows its details (SVG titles, no script needed).
 *
 * <p>Large runs stay small: consecutive identical states are one bar, bars narrower than a pixel are merged into one
 * showing the most severe state among them, and series are reduced to at most four points per pixel column.
 */
public final class HtmlReport {
    /** Width of every chart, in CSS pixels. */
    public static final int WIDTH = 1240;
    /** Width of the label column left of the plots: a chart's plot starts this far right of the chart's left edge. */
    public static final int GUTTER = 280;
    /** The page's left margin: every chart's left edge is this far from the page's. */
    public static final int BODY_MARGIN_LEFT = 20;
    private static final int RIGHT = 16;
    private static final int PLOT = WIDTH - GUTTER - RIGHT;
    private static final int LABEL_ROW = 12;
    private static final int STEP_LABEL_ROWS = 3;
    /** Top of the first lane: three rows of step labels and one of fault labels above. */
    static final int LANES_TOP = LABEL_ROW * (STEP_LABEL_ROWS + 1) + 8;
    private static final int HOST_HEADER = 20;
    private static final int AXIS = 26;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final List<Long> TICK_SECONDS = List.of(1L, 2L, 5L, 10L, 15L, 30L, 60L, 120L, 300L, 600L, 900L,
            1800L, 3600L, 7200L, 10800L, 21600L, 43200L, 86400L, 172800L, 604800L, 2592000L);
    private static final String COPY_QUEUE_COLOUR = "#1f6fb4";
    private static final String REPLAY_QUEUE_COLOUR = "#e8731a";
    private static final String LAG_COLOUR = "#7b4fa6";
    private static final String FAULT_COLOUR = "#c81e3a";

    /** How a state is coloured: by what it means for the service, whatever layer names it. */
    enum Tone {
        /** Online, Mounted, Up, On, Healthy. */
        GOOD("#2e9d4e", "#ffffff", 1, "Online / Mounted / Up / On / Healthy / In sync / Read-write"),
        /** Some resources of the group online. */
        PARTIAL("#a6cf4f", "#1b1b1b", 2, "PartialOnline"),
        /** Offline, Dismounted, Down, Off. */
        IDLE("#b3bac4", "#1b1b1b", 2, "Offline / Dismounted / Down / Off / Read-only"),
        /** On its way: Pending, Mounting, Booting, Joining, Seeding. */
        BUSY("#f2a541", "#1b1b1b", 4, "Pending / Mounting / Booting / Joining / Seeding"),
        /** Held by an administrator: Paused, Suspended. */
        HELD("#5b8def", "#ffffff", 3, "Paused / Suspended"),
        /** Failed, Crashed. */
        BAD("#d7263d", "#ffffff", 5, "Failed / Crashed / Not ready / Disconnected"),
        /** Anything else the model names. */
        OTHER("#8e6cc0", "#ffffff", 3, "other");

        final String fill;
        final String ink;
        final int severity;
        final String legend;

        Tone(String fill, String ink, int severity, String legend) {
            this.fill = fill;
            this.ink = ink;
            this.severity = severity;
            this.legend = legend;
        }
    }

    private final ReportedRun run;
    private final RunTimeline timeline;
    private final long t0;
    private final long t1;
    private final StringBuilder html = new StringBuilder(1 << 16);

    private HtmlReport(ReportedRun run) {
        this.run = run;
        this.timeline = run.timeline();
        this.t0 = RunTimeline.nanos(timeline.start());
        long end = RunTimeline.nanos(timeline.end());
        this.t1 = end > t0 ? end : t0 + 1_000_000_000L;
    }

    /** The page of {@code run}. */
    public static String render(ReportedRun run) {
        return new HtmlReport(run).page();
    }

    /** The colour a state's bars are drawn in, as {@code 0xRRGGBB} (to find them in a screenshot). */
    public static int rgb(String state) {
        return Integer.parseInt(tone(state).fill.substring(1), 16);
    }

    /** The colour a state is drawn in. */
    static Tone tone(String state) {
        String s = state.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        return switch (s) {
            case "ONLINE", "MOUNTED", "UP", "ON", "HEALTHY", "RUNNING", "INSYNC", "READWRITE" -> Tone.GOOD;
            case "PARTIALONLINE" -> Tone.PARTIAL;
            case "OFFLINE", "DISMOUNTED", "OFF", "DOWN", "STOPPED", "READONLY", "DISABLED" -> Tone.IDLE;
            case "FAILED", "CRASHED", "NOTREADY", "DISCONNECTED" -> Tone.BAD;
            case "PAUSED", "SUSPENDED", "SPLIT" -> Tone.HELD;
            case "PENDING", "ONLINEPENDING", "OFFLINEPENDING", "MOUNTING", "DISMOUNTING", "BOOTING", "SHUTTINGDOWN",
                 "JOINING", "SEEDING", "INITIALIZING", "RESYNCHRONIZING", "SYNCHRONIZING" -> Tone.BUSY;
            default -> Tone.OTHER;
        };
    }

    private String page() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(run.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(esc(run.title())).append("</h1>\n");
        header();
        html.append("<h2 id=\"timeline\">Timeline</h2>\n");
        legend();
        timelineSvg();
        replication();
        steps();
        invariants();
        if (!run.summaries().isEmpty()) {
            html.append("<h2 id=\"summary\">Reports</h2>\n<pre class=\"summary\">");
            for (String line : run.summaries()) {
                html.append(esc(line)).append('\n');
            }
            html.append("</pre>\n");
        }
        html.append("<p class=\"foot\">Times are the world's virtual time (UTC). Generated by exha from the run's"
                + " journal; this file needs nothing else to be read.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    // ---- header ------------------------------------------------------------------------------------------------

    private void header() {
        int ok = 0;
        int failed = 0;
        int skipped = 0;
        for (StepResult step : run.steps()) {
            switch (step.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
        }
        long broken = run.invariants().stream().filter(i -> !i.held()).count();
        boolean good = failed == 0 && broken == 0;
        html.append("<p class=\"verdict ").append(good ? "ok" : "bad").append("\">")
                .append(run.steps().size()).append(" steps: ").append(ok).append(" ok, ").append(failed)
                .append(" failed, ").append(skipped).append(" skipped; ")
                .append(run.invariants().size() - broken).append(" of ").append(run.invariants().size())
                .append(" invariants held; virtual time ").append(esc(DATE_TIME.format(timeline.start())))
                .append(" to ").append(esc(DATE_TIME.format(timeline.end()))).append(" (")
                .append(esc(duration(Duration.between(timeline.start(), timeline.end())))).append(")</p>\n");
        for (String note : run.notes()) {
            html.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        html.append("<table class=\"facts\">\n");
        for (Map.Entry<String, String> fact : run.facts().entrySet()) {
            html.append("<tr><th>").append(esc(fact.getKey())).append("</th><td>")
                    .append(esc(fact.getValue() == null ? "" : fact.getValue())).append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"toc\"><a href=\"#timeline\">Timeline</a> · <a href=\"#replication\">"
                + "Replication</a> · <a href=\"#steps\">Steps</a> · <a href=\"#invariants\">Invariants</a></p>\n");
    }

    private void legend() {
        html.append("<div class=\"legend\">");
        for (Tone tone : Tone.values()) {
            html.append("<span><i style=\"background:").append(tone.fill).append("\"></i>").append(esc(tone.legend))
                    .append("</span>");
        }
        html.append("<span><i class=\"step\"></i>step (runbook line)</span><span><i class=\"stepfail\"></i>"
                + "failed step</span><span><i class=\"fault\"></i>fault until its heal</span></div>\n");
    }

    // ---- the swimlane timeline ---------------------------------------------------------------------------------

    private void timelineSvg() {
        int height = LANES_TOP + (timeline.hosts().isEmpty() ? 20 : 0);
        for (RunTimeline.HostLanes host : timeline.hosts()) {
            height += HOST_HEADER;
            for (RunTimeline.Lane lane : host.lanes()) {
                height += pitch(lane.kind());
            }
        }
        int lanesBottom = height + 4;
        height = lanesBottom + AXIS;
        svgOpen("timeline", height);
        grid(LANES_TOP - 2, lanesBottom);
        faultBands(LANES_TOP - 2, lanesBottom, true);
        int y = LANES_TOP;
        if (timeline.hosts().isEmpty()) {
            html.append("<text x=\"").append(GUTTER + 6).append("\" y=\"").append(LANES_TOP + 14)
                    .append("\" class=\"none\">no host in this world</text>\n");
        }
        boolean shaded = false;
        for (RunTimeline.HostLanes host : timeline.hosts()) {
            int blockHeight = HOST_HEADER + host.lanes().stream().mapToInt(l -> pitch(l.kind())).sum();
            if (shaded) {
                html.append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(WIDTH).append("\" height=\"")
                        .append(blockHeight).append("\" class=\"band\"/>\n");
            }
            shaded = !shaded;
            html.append("<text x=\"4\" y=\"").append(y + 14).append("\" class=\"host\">").append(esc(host.host()))
                    .append(host.site().isEmpty() ? "" : "<tspan class=\"site\"> " + esc(host.site()) + "</tspan>")
                    .append("</text>\n");
            y += HOST_HEADER;
            for (RunTimeline.Lane lane : host.lanes()) {
                lane(lane, y);
                y += pitch(lane.kind());
            }
        }
        stepMarkers(LANES_TOP - 2, lanesBottom, true);
        axis(lanesBottom);
        html.append("</svg>\n");
    }

    private static int pitch(RunTimeline.LaneKind kind) {
        return kind == RunTimeline.LaneKind.RESOURCE ? 12 : 18;
    }

    private static int barHeight(RunTimeline.LaneKind kind) {
        return kind == RunTimeline.LaneKind.RESOURCE ? 9 : 14;
    }

    private void lane(RunTimeline.Lane lane, int y) {
        boolean small = lane.kind() == RunTimeline.LaneKind.RESOURCE;
        int indent = switch (lane.kind()) {
            case HOST, CLUSTER_NODE, DATABASE, COPY, LUN, SAN_GROUP -> 14;
            case GROUP -> 14;
            case RESOURCE -> 26;
        };
        html.append("<text x=\"").append(indent).append("\" y=\"").append(y + (small ? 8 : 11)).append("\" class=\"")
                .append(small ? "lane small" : "lane").append("\"><title>").append(esc(lane.detail()))
                .append("</title>").append(esc(clip(lane.label(), small ? 44 : 38))).append("</text>\n");
        bars(lane, y, barHeight(lane.kind()), !small);
    }

    /** The lane's spans as bars, those narrower than a pixel merged into their most severe state. */
    private void bars(RunTimeline.Lane lane, int y, int h, boolean labelled) {
        double curX0 = -1;
        double curX1 = -1;
        String curState = null;
        Instant curStart = null;
        Instant curEnd = null;
        boolean mixed = false;
        for (RunTimeline.Span span : lane.spans()) {
            double a = x(span.start());
            double b = x(span.end());
            if (curState != null && (b - curX0 < 1.0 || (curState.equals(span.state()) && a <= curX1 + 0.01))) {
                if (!curState.equals(span.state())) {
                    mixed = true;
                    if (tone(span.state()).severity > tone(curState).severity) {
                        curState = span.state();
                    }
                }
                curX1 = b;
                curEnd = span.end();
                continue;
            }
            if (curState != null) {
                bar(lane, y, h, labelled, curX0, curX1, curState, curStart, curEnd, mixed);
            }
            curX0 = a;
            curX1 = b;
            curState = span.state();
            curStart = span.start();
            curEnd = span.end();
            mixed = false;
        }
        if (curState != null) {
            bar(lane, y, h, labelled, curX0, curX1, curState, curStart, curEnd, mixed);
        }
    }

    private void bar(RunTimeline.Lane lane, int y, int h, boolean labelled, double x0, double x1, String state,
            Instant start, Instant end, boolean mixed) {
        Tone tone = tone(state);
        double w = Math.max(x1 - x0, 1.0);
        html.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(y).append("\" width=\"").append(fmt(w))
                .append("\" height=\"").append(h).append("\" fill=\"").append(tone.fill).append("\"><title>")
                .append(esc(lane.label() + ": " + (mixed ? "several states, the worst " : "") + state + ", "
                        + clock(start) + " to " + clock(end) + " (" + duration(Duration.between(start, end)) + ")"))
                .append("</title></rect>\n");
        if (labelled && w > 7.0 * state.length() + 8) {
            html.append("<text x=\"").append(fmt(x0 + 4)).append("\" y=\"").append(y + 11)
                    .append("\" class=\"inbar\" fill=\"").append(tone.ink).append("\">").append(esc(state))
                    .append("</text>\n");
        }
    }

    // ---- markers and axis ----------------------------------------------------------------------------------------

    /** Vertical lines at each step's start, labelled with runbook lines where there is room. */
    private void stepMarkers(int top, int bottom, boolean labels) {
        List<StepResult> ran = run.steps().stream().filter(s -> s.status() != StepStatus.SKIPPED && s.start() != null)
                .toList();
        double[] rowEnds = new double[STEP_LABEL_ROWS];
        java.util.Arrays.fill(rowEnds, -1);
        int i = 0;
        while (i < ran.size()) {
            double px = Math.round(x(ran.get(i).start()));
            int j = i;
            boolean failed = false;
            StringBuilder title = new StringBuilder();
            while (j < ran.size() && Math.round(x(ran.get(j).start())) == px) {
                StepResult s = ran.get(j);
                failed |= s.status() == StepStatus.FAILED;
                if (title.length() < 2000) {
                    title.append(title.length() == 0 ? "" : "\n").append("line ").append(s.line()).append(" at ")
                            .append(clock(s.start())).append(s.status() == StepStatus.FAILED ? " FAILED: " : ": ")
                            .append(clip(s.text().replace('\n', ' '), 120));
                }
                j++;
            }
            String cls = failed ? "mark fail" : "mark";
            html.append("<line x1=\"").append(fmt(px + 0.5)).append("\" x2=\"").append(fmt(px + 0.5))
                    .append("\" y1=\"").append(top).append("\" y2=\"").append(bottom).append("\" class=\"")
                    .append(cls).append("\"><title>").append(esc(title.toString())).append("</title></line>\n");
            if (labels) {
                int first = ran.get(i).line();
                int last = ran.get(j - 1).line();
                String label = first == last ? Integer.toString(first) : first + "–" + last;
                double w = label.length() * 6.2;
                double lx = Math.min(px + 1, WIDTH - w - 2);
                for (int row = 0; row < STEP_LABEL_ROWS; row++) {
                    if (lx > rowEnds[row] + 3) {
                        rowEnds[row] = lx + w;
                        html.append("<text x=\"").append(fmt(lx)).append("\" y=\"").append(LABEL_ROW * (row + 1))
                                .append("\" class=\"").append(failed ? "steplabel fail" : "steplabel").append("\">")
                                .append(esc(label)).append("<title>").append(esc(title.toString()))
                                .append("</title></text>\n");
                        break;
                    }
                }
            }
            i = j;
        }
    }

    /** A shaded band per fault from its injection to its heal, labelled in the fault row where there is room. */
    private void faultBands(int top, int bottom, boolean labels) {
        double rowEnd = -1;
        for (RunTimeline.FaultSpan fault : timeline.faults()) {
            double a = x(fault.start());
            double b = Math.max(x(fault.end()), a + 2);
            String title = esc(fault.detail() + ", " + clock(fault.start()) + (fault.start().equals(fault.end()) ? ""
                    : (fault.healed() ? " until its heal at " : " until the end, ") + clock(fault.end())));
            html.append("<rect x=\"").append(fmt(a)).append("\" y=\"").append(top).append("\" width=\"")
                    .append(fmt(b - a)).append("\" height=\"").append(bottom - top).append("\" class=\"faultband\"><title>")
                    .append(title).append("</title></rect>\n");
            html.append("<line x1=\"").append(fmt(a)).append("\" x2=\"").append(fmt(a)).append("\" y1=\"")
                    .append(labels ? LABEL_ROW * STEP_LABEL_ROWS + 2 : top).append("\" y2=\"").append(bottom)
                    .append("\" class=\"faultline\"/>\n");
            String label = "⚡ " + fault.label();
            double lx = Math.min(a + 2, WIDTH - 6.5 * label.length());
            if (labels && lx > rowEnd + 3) {
                rowEnd = lx + 6.5 * label.length();
                html.append("<text x=\"").append(fmt(lx)).append("\" y=\"").append(LABEL_ROW * (STEP_LABEL_ROWS + 1))
                        .append("\" class=\"faultlabel\">").append(esc(label)).append("<title>").append(title)
                        .append("</title></text>\n");
            }
        }
    }

    private void grid(int top, int bottom) {
        for (long tick : ticks()) {
            double px = xNanos(tick);
            html.append("<line x1=\"").append(fmt(px)).append("\" x2=\"").append(fmt(px)).append("\" y1=\"")
                    .append(top).append("\" y2=\"").append(bottom).append("\" class=\"grid\"/>\n");
        }
    }

    private void axis(int y) {
        html.append("<line x1=\"").append(GUTTER).append("\" x2=\"").append(GUTTER + PLOT).append("\" y1=\"").append(y)
                .append("\" y2=\"").append(y).append("\" class=\"axis\"/>\n");
        long step = tickStep();
        for (long tick : ticks()) {
            double px = xNanos(tick);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(tick, 1_000_000_000L), Math.floorMod(tick, 1_000_000_000L));
            String label = step < 60 ? TIME.format(at) : (t1 - t0) > 86_400_000_000_000L ? DAY_TIME.format(at)
                    : TIME.format(at).substring(0, 5);
            html.append("<line x1=\"").append(fmt(px)).append("\" x2=\"").append(fmt(px)).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y + 4).append("\" class=\"axis\"/>\n<text x=\"").append(fmt(px))
                    .append("\" y=\"").append(y + 16).append(px > GUTTER + PLOT - 30 ? "\" class=\"tick end\">"
                            : "\" class=\"tick\">").append(esc(label)).append("</text>\n");
        }
    }

    private long tickStep() {
        double spanSeconds = (t1 - t0) / 1e9;
        for (long s : TICK_SECONDS) {
            if (spanSeconds / s <= 12) {
                return s;
            }
        }
        return TICK_SECONDS.get(TICK_SECONDS.size() - 1);
    }

    private List<Long> ticks() {
        long step = tickStep() * 1_000_000_000L;
        List<Long> ticks = new ArrayList<>();
        for (long t = Math.floorDiv(t0 + step - 1, step) * step; t <= t1; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    // ---- replication -------------------------------------------------------------------------------------------

    private void replication() {
        html.append("<h2 id=\"replication\">Replication</h2>\n");
        if (timeline.copies().isEmpty()) {
            html.append("<p class=\"none\">No storage group copy (LCR, CCR, SCR) in this run.</p>\n");
            return;
        }
        html.append("<p class=\"explain\">Per storage group copy: its status, its <b style=\"color:")
                .append(COPY_QUEUE_COLOUR).append("\">copy queue</b> (logs closed on the source and not yet inspected"
                        + " at the copy) and <b style=\"color:").append(REPLAY_QUEUE_COLOUR).append("\">replay queue</b>"
                        + " (inspected, not yet replayed; an SCR copy holds back 50), and its <b style=\"color:")
                .append(LAG_COLOUR).append("\">replay lag</b>: how far the copy's database is behind the source, 0 once it"
                        + " has replayed every log the source closed (it grows while logs wait).</p>\n");
        for (RunTimeline.CopyLanes copy : timeline.copies()) {
            copyChart(copy);
        }
    }

    private static final int STATUS_TOP = 4;
    private static final int QUEUE_TOP = 24;
    private static final int QUEUE_HEIGHT = 64;
    private static final int LAG_TOP = QUEUE_TOP + QUEUE_HEIGHT + 10;
    private static final int LAG_HEIGHT = 40;

    private void copyChart(RunTimeline.CopyLanes copy) {
        String kind = switch (copy.kind()) {
            case "LOCAL" -> "LCR";
            case "CLUSTER" -> "CCR";
            case "STANDBY" -> "SCR";
            default -> copy.kind();
        };
        html.append("<h3>").append(esc(copy.storageGroup())).append(" → ").append(esc(copy.target()))
                .append(kind.isEmpty() ? "" : " <span class=\"kind\">" + esc(kind) + "</span>").append("</h3>\n");
        int bottom = LAG_TOP + LAG_HEIGHT;
        svgOpen("copy", bottom + AXIS);
        grid(STATUS_TOP, bottom);
        faultBands(STATUS_TOP, bottom, false);
        html.append("<text x=\"14\" y=\"").append(STATUS_TOP + 10).append("\" class=\"lane\">status</text>\n");
        bars(copy.status(), STATUS_TOP, 12, true);
        RunTimeline.CopySeries s = copy.series();
        long seriesEnd = copy.status().spans().isEmpty() ? t1
                : RunTimeline.nanos(copy.status().spans().get(copy.status().spans().size() - 1).end());
        if (s.size() == 0) {
            html.append("<text x=\"").append(GUTTER + 6).append("\" y=\"").append(QUEUE_TOP + 30)
                    .append("\" class=\"none\">no log shipped while the run was recorded</text>\n");
        } else {
            long[] copyQueue = new long[s.size()];
            long[] replayQueue = new long[s.size()];
            long max = 1;
            for (int i = 0; i < s.size(); i++) {
                copyQueue[i] = Math.max(0, s.generated()[i] - s.inspected()[i]);
                replayQueue[i] = Math.max(0, s.inspected()[i] - s.replayed()[i]);
                max = Math.max(max, Math.max(copyQueue[i], replayQueue[i]));
            }
            long top = niceCeiling(max);
            yAxis("queues (logs)", QUEUE_TOP, QUEUE_HEIGHT, top, "");
            List<long[]> alive = alive(copy.status());
            html.append(stepPath(s.times(), replayQueue, seriesEnd, alive, QUEUE_TOP, QUEUE_HEIGHT, top,
                    REPLAY_QUEUE_COLOUR, "replay queue"));
            html.append(stepPath(s.times(), copyQueue, seriesEnd, alive, QUEUE_TOP, QUEUE_HEIGHT, top,
                    COPY_QUEUE_COLOUR, "copy queue"));
            lag(s, seriesEnd, alive);
        }
        stepMarkers(STATUS_TOP, bottom, false);
        axis(bottom);
        html.append("</svg>\n");
    }

    private void yAxis(String label, int top, int height, long max, String unit) {
        html.append("<text x=\"14\" y=\"").append(top + 11).append("\" class=\"lane\">").append(esc(label))
                .append("</text>\n<text x=\"").append(GUTTER - 4).append("\" y=\"").append(top + 9)
                .append("\" class=\"yval\">").append(max).append(esc(unit)).append("</text>\n<text x=\"")
                .append(GUTTER - 4).append("\" y=\"").append(top + height).append("\" class=\"yval\">0</text>\n")
                .append("<line x1=\"").append(GUTTER).append("\" x2=\"").append(GUTTER + PLOT).append("\" y1=\"")
                .append(top + height + 0.5).append("\" y2=\"").append(top + height + 0.5)
                .append("\" class=\"base\"/>\n<line x1=\"").append(GUTTER).append("\" x2=\"").append(GUTTER + PLOT)
                .append("\" y1=\"").append(top + 0.5).append("\" y2=\"").append(top + 0.5).append("\" class=\"grid\"/>\n");
    }

    /**
     * A step series (each value holds until the next sample) as one SVG path with at most four points per half-pixel
     * column: the value entering it, its minimum, its maximum and the value leaving it.
     */
    private String stepPath(long[] times, long[] values, long end, List<long[]> alive, int top, int height, long max,
            String colour, String name) {
        Path path = new Path();
        long peak = 0;
        for (int i = 0; i < times.length; i++) {
            peak = Math.max(peak, values[i]);
            long next = i + 1 < times.length ? times[i + 1] : end;
            long until = Math.min(next, aliveUntil(alive, times[i]));
            path.step(xNanos(times[i]), yOf(values[i], top, height, max));
            if (until < next || i + 1 == times.length) {
                path.finish(xNanos(Math.max(until, times[i])));
            }
        }
        return "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\"><title>"
                + name + ", at most " + peak + " logs</title></path>\n";
    }

    /** The replay lag: at each instant, how long ago the newest log replayed into the copy was created. */
    /** The intervals (nanoseconds) where the copy existed: its status spans, those that touch joined. */
    private static List<long[]> alive(RunTimeline.Lane status) {
        List<long[]> alive = new ArrayList<>();
        for (RunTimeline.Span span : status.spans()) {
            long a = RunTimeline.nanos(span.start());
            long b = RunTimeline.nanos(span.end());
            if (!alive.isEmpty() && alive.get(alive.size() - 1)[1] >= a) {
                alive.get(alive.size() - 1)[1] = Math.max(b, alive.get(alive.size() - 1)[1]);
            } else {
                alive.add(new long[] {a, b});
            }
        }
        return alive;
    }

    /** Until when the copy existed after {@code t}: a series stops where the copy was disabled or moved away. */
    private static long aliveUntil(List<long[]> alive, long t) {
        if (alive.isEmpty()) {
            return Long.MAX_VALUE;
        }
        for (long[] interval : alive) {
            if (interval[0] <= t && t <= interval[1]) {
                return interval[1];
            }
        }
        return t;
    }

    private void lag(RunTimeline.CopySeries s, long end, List<long[]> alive) {
        long maxLag = 0;
        for (int i = 0; i < s.size(); i++) {
            long r = s.replayedLogTimes()[i];
            if (r == RunTimeline.NONE || s.replayed()[i] >= s.generated()[i]) {
                continue;
            }
            long next = Math.min(i + 1 < s.size() ? s.times()[i + 1] : end, aliveUntil(alive, s.times()[i]));
            maxLag = Math.max(maxLag, Math.max(next, s.times()[i]) - r);
        }
        boolean minutes = maxLag > 120_000_000_000L;
        double unit = minutes ? 60e9 : 1e9;
        long top = niceCeiling(Math.max(1, (long) Math.ceil(maxLag / unit)));
        yAxis("replay lag", LAG_TOP, LAG_HEIGHT, top, minutes ? " min" : " s");
        Path path = new Path();
        for (int i = 0; i < s.size(); i++) {
            long r = s.replayedLogTimes()[i];
            if (r == RunTimeline.NONE) {
                path.gap();
                continue;
            }
            long from = s.times()[i];
            long next = Math.max(from, i + 1 < s.size() ? s.times()[i + 1] : end);
            long to = Math.max(from, Math.min(next, aliveUntil(alive, from)));
            // Caught up (every log the source closed is replayed): the copy is as current as it can be.
            boolean caughtUp = s.replayed()[i] >= s.generated()[i];
            path.line(xNanos(from), yOfDouble(caughtUp ? 0 : (from - r) / unit, LAG_TOP, LAG_HEIGHT, top), xNanos(to),
                    yOfDouble(caughtUp ? 0 : (to - r) / unit, LAG_TOP, LAG_HEIGHT, top));
            if (to < next) {
                path.gap();
            }
        }
        path.finish(Double.NaN);
        html.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(LAG_COLOUR)
                .append("\" stroke-width=\"1.2\"><title>replay lag, at most ")
                .append(esc(duration(Duration.ofNanos(maxLag)))).append("</title></path>\n");
    }

    /** Builds an SVG path's points, keeping at most four per half-pixel column (the min and max of what it hides). */
    private static final class Path {
        private final StringBuilder d = new StringBuilder();
        private boolean open;
        private double column;
        private double columnX;
        private double min;
        private double max;
        private double last;
        private boolean hidden;

        /** A step series' sample: the previous value holds until {@code x}, then it is {@code y}. */
        void step(double x, double y) {
            double col = Math.floor(x * 2);
            if (open && col == column) {
                hide(y);
                return;
            }
            if (open) {
                flush();
                point('L', x, last);
                point('L', x, y);
            } else {
                point('M', x, y);
                open = true;
            }
            start(col, x, y);
        }

        /** A straight segment (the lag grows one second per second between replays). */
        void line(double x0, double y0, double x1, double y1) {
            double col = Math.floor(x1 * 2);
            if (open && col == column && Math.floor(x0 * 2) == column) {
                hide(y0);
                hide(y1);
                return;
            }
            if (open) {
                flush();
                point('L', x0, y0);
            } else {
                point('M', x0, y0);
                open = true;
            }
            point('L', x1, y1);
            start(col, x1, y1);
        }

        /** The series stops until the next point. */
        void gap() {
            if (open) {
                flush();
            }
            open = false;
        }

        /** Ends the path, holding the last value until {@code endX} (NaN: where it is). */
        void finish(double endX) {
            if (open) {
                flush();
                if (!Double.isNaN(endX)) {
                    point('L', endX, last);
                }
            }
            open = false;
        }

        private void start(double col, double x, double y) {
            column = col;
            columnX = x;
            min = y;
            max = y;
            last = y;
            hidden = false;
        }

        private void hide(double y) {
            min = Math.min(min, y);
            max = Math.max(max, y);
            last = y;
            hidden = true;
        }

        private void flush() {
            if (hidden) {
                point('L', columnX, min);
                point('L', columnX, max);
                point('L', columnX, last);
                hidden = false;
            }
        }

        private void point(char command, double x, double y) {
            d.append(command).append(fmt(x)).append(',').append(fmt(y));
        }

        @Override
        public String toString() {
            return d.toString();
        }
    }

    private static double yOf(long value, int top, int height, long max) {
        return yOfDouble(value, top, height, max);
    }

    private static double yOfDouble(double value, int top, int height, long max) {
        return top + height - Math.min(value, max) * height / max;
    }

    /** 1, 2, 5, 10, 20, 50... at or above {@code value}. */
    static long niceCeiling(long value) {
        long base = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (base * m >= value) {
                    return base * m;
                }
            }
            base *= 10;
        }
    }

    // ---- the steps table ---------------------------------------------------------------------------------------

    private void steps() {
        html.append("<h2 id=\"steps\">Steps</h2>\n<table class=\"steps\">\n<thead><tr><th>Line</th><th>Host</th>"
                + "<th>Command</th><th>Start</th><th>End</th><th>Took</th><th>Outcome</th><th>Error</th>"
                + "<th>Native</th><th>Message</th></tr></thead>\n<tbody>\n");
        for (StepResult step : run.steps()) {
            String status = step.status().name().toLowerCase(Locale.ROOT);
            html.append("<tr class=\"").append(status).append("\"><td class=\"num\">").append(step.line())
                    .append("</td><td class=\"host\">").append(esc(step.host() == null ? "" : step.host()))
                    .append("</td><td><code>")
                    .append(esc(step.text())).append("</code></td><td class=\"time\">")
                    .append(step.start() == null ? "" : esc(clock(step.start()))).append("</td><td class=\"time\">")
                    .append(step.end() == null ? "" : esc(clock(step.end()))).append("</td><td class=\"time\">")
                    .append(step.start() == null || step.end() == null ? ""
                            : esc(duration(Duration.between(step.start(), step.end()))))
                    .append("</td><td class=\"outcome\">").append(status).append("</td>");
            if (step.error() == null) {
                html.append("<td></td><td></td><td></td>");
            } else {
                html.append("<td class=\"code\"><code>").append(esc(step.error().code()))
                        .append("</code></td><td class=\"code\"><code>")
                        .append(esc(step.error().nativeCode() == null ? "" : step.error().nativeCode()))
                        .append("</code></td><td>").append(esc(step.error().message()));
                String output = OutputFormatter.render(step.output());
                if (!output.isEmpty()) {
                    html.append("<details><summary>output before it failed</summary><pre>")
                            .append(esc(clip(output, 20_000))).append("</pre></details>");
                }
                html.append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private void invariants() {
        html.append("<h2 id=\"invariants\">Invariants</h2>\n<table class=\"invariants\">\n<thead><tr><th>Invariant</th>"
                + "<th>Held</th><th>Detail</th></tr></thead>\n<tbody>\n");
        for (InvariantResult i : run.invariants()) {
            html.append("<tr class=\"").append(i.held() ? "ok" : "failed").append("\"><td><code>").append(esc(i.name()))
                    .append("</code></td><td class=\"outcome\">").append(i.held() ? "held" : "BROKEN")
                    .append("</td><td>").append(esc(i.detail())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    // ---- small things ------------------------------------------------------------------------------------------

    private void svgOpen(String cls, int height) {
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").append(cls).append("\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" role=\"img\">\n");
    }

    private double x(Instant t) {
        return xNanos(RunTimeline.nanos(t));
    }

    private double xNanos(long nanos) {
        return GUTTER + (double) (Math.min(Math.max(nanos, t0), t1) - t0) / (t1 - t0) * PLOT;
    }

    private String clock(Instant t) {
        boolean sameDay = t.getEpochSecond() / 86_400 == timeline.start().getEpochSecond() / 86_400;
        String base = sameDay ? TIME.format(t) : DATE_TIME.format(t);
        int millis = t.getNano() / 1_000_000;
        return millis == 0 ? base : base + String.format(Locale.ROOT, ".%03d", millis);
    }

    /** {@code 1h 2m 3.5s}. */
    static String duration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        double seconds = d.toSecondsPart() + d.toNanosPart() / 1e9;
        StringBuilder s = new StringBuilder();
        if (days > 0) {
            s.append(days).append("d ");
        }
        if (hours > 0) {
            s.append(hours).append("h ");
        }
        if (minutes > 0) {
            s.append(minutes).append("m ");
        }
        if (seconds > 0 || s.length() == 0) {
            s.append(seconds == Math.rint(seconds) ? Long.toString((long) seconds)
                    : String.format(Locale.ROOT, "%.3f", seconds).replaceAll("0+$", "")).append('s');
        }
        return s.toString().trim();
    }

    private static String fmt(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Escapes text for HTML content and double-quoted attributes (runbook lines hold {@code <}, {@code &}, quotes). */
    static String esc(String s) {
        return StringEscapeUtils.escapeHtml4(s);
    }

    private static final String CSS = """
            body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   margin: 16px %dpx; color: #1b1b1b; background: #ffffff; }
            h1 { font-size: 20px; margin: 0 0 6px; }
            h2 { font-size: 17px; margin: 22px 0 6px; border-bottom: 1px solid #d0d5db; padding-bottom: 2px; }
            h3 { font-size: 14px; margin: 14px 0 2px; }
            .kind { font-weight: normal; color: #555; border: 1px solid #bbb; border-radius: 3px; padding: 0 4px; }
            .verdict { margin: 4px 0; font-weight: 600; }
            .verdict.ok { color: #1f7a3a; } .verdict.bad { color: #b3192f; }
            .note { margin: 4px 0; color: #444; }
            .facts { border-collapse: collapse; font-size: 12px; margin: 6px 0; }
            .facts th { text-align: left; color: #555; font-weight: normal; padding: 0 12px 0 0; }
            .facts td { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
            .toc { font-size: 12px; }
            .legend { font-size: 12px; margin: 4px 0 6px; }
            .legend span { margin-right: 14px; white-space: nowrap; }
            .legend i { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: -1px; }
            .legend i.step { width: 2px; background: #444; } .legend i.stepfail { width: 2px; background: #d7263d; }
            .legend i.fault { background: rgba(200, 30, 58, 0.15); border-left: 2px solid #c81e3a; }
            svg { display: block; font-family: system-ui, "DejaVu Sans", sans-serif; }
            svg .band { fill: #f3f5f8; }
            svg .host { font-size: 13px; font-weight: 700; fill: #1b1b1b; }
            svg .site { font-weight: normal; fill: #666; font-size: 11px; }
            svg .lane { font-size: 11px; fill: #333; } svg .lane.small { font-size: 9.5px; fill: #555; }
            svg .inbar { font-size: 10px; pointer-events: none; }
            svg .grid { stroke: #e3e6ea; stroke-width: 1; } svg .base { stroke: #9aa1a9; stroke-width: 1; }
            svg .axis { stroke: #666; stroke-width: 1; } svg .tick { font-size: 10.5px; fill: #444; text-anchor: middle; }
            svg .tick.end { text-anchor: end; }
            svg .yval { font-size: 10px; fill: #555; text-anchor: end; }
            svg .mark { stroke: #333; stroke-opacity: 0.35; stroke-width: 1; }
            svg .mark.fail { stroke: #d7263d; stroke-opacity: 0.9; stroke-width: 1.5; }
            svg .steplabel { font-size: 10px; fill: #333; } svg .steplabel.fail { fill: #d7263d; font-weight: 700; }
            svg .faultband { fill: #c81e3a; fill-opacity: 0.09; }
            svg .faultline { stroke: #c81e3a; stroke-width: 1.5; stroke-dasharray: 4 2; }
            svg .faultlabel { font-size: 10.5px; fill: #c81e3a; font-weight: 700; }
            svg .none { font-size: 12px; fill: #777; }
            svg rect:hover { stroke: #000; stroke-width: 1; }
            .none, .explain { color: #555; font-size: 12.5px; margin: 2px 0; }
            table.steps, table.invariants { border-collapse: collapse; font-size: 12px; width: 100%%; }
            table.steps th, table.invariants th { text-align: left; background: #eef1f4; padding: 3px 6px; }
            table.steps td, table.invariants td { border-top: 1px solid #e1e4e8; padding: 3px 6px; vertical-align: top; }
            table.steps code { white-space: pre-wrap; word-break: break-word; }
            table.steps td.code code { white-space: nowrap; word-break: normal; }
            td.num, td.time, td.host { white-space: nowrap; font-variant-numeric: tabular-nums; }
            tr.failed td { background: #fdecee; } tr.failed td.outcome { color: #b3192f; font-weight: 700; }
            tr.skipped td { color: #888; } tr.ok td.outcome { color: #1f7a3a; }
            details pre, pre.summary { white-space: pre-wrap; font-size: 11.5px; background: #f6f8fa; padding: 6px; }
            .foot { color: #777; font-size: 11px; margin-top: 20px; }
            """.formatted(BODY_MARGIN_LEFT);
}
