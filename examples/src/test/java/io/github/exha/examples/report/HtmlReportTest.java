package io.github.exha.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.StepError;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final Instant T0 = Instant.parse("2008-09-01T08:00:00Z");

    private static final class Journal {
        final List<JournalEntry> entries = new ArrayList<>();

        void add(long seconds, JournalEntry.Type type, String source, String name, Map<String, String> attributes) {
            entries.add(new JournalEntry(entries.size() + 1, T0.plusSeconds(seconds), type, source, name, attributes));
        }

        void state(long seconds, String source, String name, Map<String, String> attributes) {
            add(seconds, JournalEntry.Type.STATE_CHANGE, source, name, attributes);
        }
    }

    private static Journal twoNodeFailover() {
        Journal j = new Journal();
        j.state(0, "NODE1", "host.created", Map.of("power", "ON", "site", "Main"));
        j.state(0, "NODE2", "host.created", Map.of("power", "ON", "site", "Main"));
        j.state(0, "CLU", "group.state", Map.of("group", "EXCMS", "node", "NODE1", "from", "", "to", "Online"));
        j.state(0, "CLU", "resource.state", Map.of("group", "EXCMS", "node", "NODE1", "resource", "Disk F:",
                "from", "", "to", "Online"));
        j.state(600, "NODE1", "host.power", Map.of("from", "ON", "to", "CRASHED", "reason", "crash"));
        j.add(600, JournalEntry.Type.FAULT, "chaos", "chaos.injected", Map.of("kind", "host-crash", "target", "NODE1",
                "line", "12", "during", "false"));
        j.state(601, "CLU", "group.state", Map.of("group", "EXCMS", "node", "NODE2", "from", "Online", "to",
                "Pending"));
        j.state(601, "CLU", "resource.state", Map.of("group", "EXCMS", "node", "NODE2", "resource", "Disk F:",
                "from", "Online", "to", "Online"));
        j.state(605, "CLU", "group.state", Map.of("group", "EXCMS", "node", "NODE2", "from", "Pending", "to",
                "Online"));
        j.add(900, JournalEntry.Type.FAULT, "chaos", "chaos.healed", Map.of("kind", "host-crash", "target", "NODE1"));
        j.state(900, "NODE1", "host.power", Map.of("from", "CRASHED", "to", "BOOTING", "reason", "power on"));
        j.state(1080, "NODE1", "host.power", Map.of("from", "BOOTING", "to", "ON", "reason", "booted"));
        return j;
    }

    private static RunTimeline.Lane lane(RunTimeline timeline, String host, String label) {
        return timeline.hosts().stream().filter(h -> h.host().equals(host)).flatMap(h -> h.lanes().stream())
                .filter(l -> l.label().equals(label)).findFirst().orElseThrow(() -> new AssertionError(
                        "no lane " + label + " on " + host + ": " + timeline.hosts()));
    }

    @Test
    void aGroupThatFailsOverShowsOnTheLaneOfEachNodeWhileItIsThere() {
        RunTimeline timeline = RunTimeline.of(twoNodeFailover().entries, T0.plusSeconds(1200), Map.of());

        assertThat(lane(timeline, "NODE1", "EXCMS").spans()).extracting(RunTimeline.Span::state,
                RunTimeline.Span::end).containsExactly(org.assertj.core.groups.Tuple.tuple("Online",
                        T0.plusSeconds(601)));
        assertThat(lane(timeline, "NODE2", "EXCMS").spans()).extracting(RunTimeline.Span::state)
                .containsExactly("Pending", "Online");
        assertThat(lane(timeline, "NODE2", "EXCMS").spans().get(1).end()).isEqualTo(T0.plusSeconds(1200));
        assertThat(lane(timeline, "NODE1", "power").spans()).extracting(RunTimeline.Span::state)
                .containsExactly("ON", "CRASHED", "BOOTING", "ON");
        // The resource's "Online -> Online" on its new node is one span there, not two.
        assertThat(lane(timeline, "NODE2", "Disk F:").spans()).hasSize(1);
        assertThat(timeline.faults()).singleElement().satisfies(f -> {
            assertThat(f.label()).isEqualTo("host-crash NODE1");
            assertThat(f.start()).isEqualTo(T0.plusSeconds(600));
            assertThat(f.end()).isEqualTo(T0.plusSeconds(900));
            assertThat(f.healed()).isTrue();
            assertThat(f.detail()).contains("before line 12");
        });
    }

    @Test
    void storageArraysShowTheirPowerAndLunsAndTheConsistencyGroupsTheirReplicationState() {
        Journal j = new Journal();
        j.state(0, "SAN-DR", "storage.lun-created", Map.of("subject", "DATA-R"));
        j.state(0, "SAN-MAIN", "storage.lun-created", Map.of("subject", "DATA"));
        j.state(10, "SAN-MAIN", "storage.replication-state-changed", Map.of("subject", "CG", "from", "DISABLED",
                "to", "IN_SYNC"));
        j.state(600, "SAN-MAIN", "storage.array-power-changed", Map.of("subject", "SAN-MAIN", "powered", "off"));
        j.state(600, "SAN-DR", "storage.replication-state-changed", Map.of("subject", "CG", "from", "IN_SYNC",
                "to", "DISCONNECTED"));
        j.state(700, "SAN-DR", "storage.access-state-changed", Map.of("subject", "DATA-R", "from", "READ_ONLY",
                "to", "READ_WRITE"));

        RunTimeline timeline = RunTimeline.of(j.entries, T0.plusSeconds(800), Map.of());

        assertThat(timeline.hosts()).extracting(RunTimeline.HostLanes::host).containsExactly("SAN-DR", "SAN-MAIN",
                RunTimeline.SAN_REPLICATION);
        assertThat(lane(timeline, "SAN-MAIN", "power").spans()).extracting(RunTimeline.Span::state)
                .containsExactly("ON", "OFF");
        // Until its first change a LUN is in that change's "from" state, since it was created.
        assertThat(lane(timeline, "SAN-DR", "LUN DATA-R").spans()).extracting(RunTimeline.Span::state,
                RunTimeline.Span::start).containsExactly(org.assertj.core.groups.Tuple.tuple("READ_ONLY", T0),
                        org.assertj.core.groups.Tuple.tuple("READ_WRITE", T0.plusSeconds(700)));
        assertThat(lane(timeline, RunTimeline.SAN_REPLICATION, "CG").spans()).extracting(RunTimeline.Span::state)
                .containsExactly("IN_SYNC", "DISCONNECTED");
        assertThat(HtmlReport.tone("DISCONNECTED")).isEqualTo(HtmlReport.Tone.BAD);
        assertThat(HtmlReport.tone("IN_SYNC")).isEqualTo(HtmlReport.Tone.GOOD);
    }

    private static ReportedRun run(RunTimeline timeline, List<StepResult> steps) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("topology", "lab <with> \"quotes\" & ampersands");
        return new ReportedRun("exha run <test>.ps1", facts, steps, List.of(new InvariantResult("journal-in-time-order",
                true, "every entry in order")), List.of("outage of <db> & more"), List.of(), timeline);
    }

    @Test
    void everyTextFromTheRunIsEscapedAndThePageLoadsNothingFromElsewhere() {
        RunTimeline timeline = RunTimeline.of(twoNodeFailover().entries, T0.plusSeconds(1200), Map.of());
        StepResult failed = new StepResult(12, "Set-Thing -Name \"<script>alert('x')</script>\" & more", "NODE1",
                StepStatus.FAILED, T0.plusSeconds(600), T0.plusSeconds(601), List.of("partial <output>"),
                new StepError("cluster.group-move-failed", "5018", "The resource <Disk F:> & its 'owner' failed."));
        StepResult ok = new StepResult(10, "Start-Sleep -Seconds 600", null, StepStatus.OK, T0, T0.plusSeconds(600),
                List.of(), null);

        String html = HtmlReport.render(run(timeline, List.of(ok, failed)));

        assertThat(html).doesNotContain("<script").doesNotContain("<Disk F:>").doesNotContain("<test>")
                .doesNotContain("<with>").doesNotContain("<db>").doesNotContain("<output>");
        assertThat(html).contains("&lt;script&gt;alert('x')&lt;/script&gt;&quot; &amp; more")
                .contains("The resource &lt;Disk F:&gt; &amp; its 'owner' failed.")
                .contains("lab &lt;with&gt; &quot;quotes&quot; &amp; ampersands")
                .contains("<code>cluster.group-move-failed</code></td><td class=\"code\"><code>5018</code></td>");
        // Self-contained: no script, stylesheet, image, font or frame from anywhere; the only URL is SVG's namespace.
        assertThat(html).doesNotContain(" src=").doesNotContain("@import").doesNotContain("url(")
                .doesNotContain("<link").doesNotContain("<iframe");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:")
                .doesNotContain("https:");
        // The failed step's marker and the fault's band are drawn on the timeline.
        assertThat(html).contains("class=\"mark fail\"").contains("class=\"faultband\"")
                .contains("⚡ host-crash NODE1");
    }

    @Test
    void aLongRunWithManyStatesAndSamplesStaysSmallAndKeepsTheWorstStateVisible() {
        Journal j = new Journal();
        j.state(0, "NODE1", "host.created", Map.of("power", "ON"));
        // A week of a database flapping every 10 seconds, with one failure among the flaps.
        int flaps = 7 * 24 * 360;
        for (int i = 1; i <= flaps; i++) {
            String to = i == flaps / 2 ? "FAILED" : i % 2 == 0 ? "MOUNTED" : "DISMOUNTED";
            j.state(i * 10L, "NODE1", "exchange.store.database-state", Map.of("database", "S\\SG\\DB", "to", to));
        }
        long end = flaps * 10L + 10;
        int samples = 200_000;
        long[] times = new long[samples];
        long[] generated = new long[samples];
        long[] inspected = new long[samples];
        long[] replayed = new long[samples];
        long[] logTimes = new long[samples];
        for (int i = 0; i < samples; i++) {
            times[i] = RunTimeline.nanos(T0.plusSeconds(3 * (long) i));
            generated[i] = i + (i % 7);
            inspected[i] = i;
            replayed[i] = Math.max(0, i - 50);
            logTimes[i] = RunTimeline.nanos(T0.plusSeconds(3L * Math.max(0, i - 50)));
        }
        j.state(0, "MSExchangeRepl", "copy.enabled", Map.of("storageGroup", "S\\SG", "target", "NODE2", "kind",
                "STANDBY"));
        RunTimeline timeline = RunTimeline.of(j.entries, T0.plusSeconds(end), Map.of(RunTimeline.copyKey("S\\SG",
                "NODE2"), new RunTimeline.CopySeries(times, generated, inspected, replayed, logTimes)));
        assertThat(lane(timeline, "NODE1", "SG\\DB").spans()).hasSize(flaps);

        String html = HtmlReport.render(run(timeline, List.of()));

        assertThat(html.length()).as("page size").isLessThan(600_000);
        assertThat(count(html, "<rect ")).as("bars").isLessThan(3 * HtmlReport.WIDTH);
        assertThat(html).contains("fill=\"" + HtmlReport.Tone.BAD.fill + "\"");
        Matcher paths = Pattern.compile("<path d=\"([^\"]*)\"").matcher(html);
        while (paths.find()) {
            assertThat(count(paths.group(1), "L")).as("points of a series").isLessThan(8 * HtmlReport.WIDTH);
        }
    }

    @Test
    void statesAreColouredByWhatTheyMeanWhateverLayerNamesThem() {
        assertThat(HtmlReport.tone("Online")).isEqualTo(HtmlReport.Tone.GOOD);
        assertThat(HtmlReport.tone("MOUNTED")).isEqualTo(HtmlReport.Tone.GOOD);
        assertThat(HtmlReport.tone("CRASHED")).isEqualTo(HtmlReport.Tone.BAD);
        assertThat(HtmlReport.tone("Failed")).isEqualTo(HtmlReport.Tone.BAD);
        assertThat(HtmlReport.tone("OnlinePending")).isEqualTo(HtmlReport.Tone.BUSY);
        assertThat(HtmlReport.tone("SHUTTING_DOWN")).isEqualTo(HtmlReport.Tone.BUSY);
        assertThat(HtmlReport.tone("Paused")).isEqualTo(HtmlReport.Tone.HELD);
        assertThat(HtmlReport.tone("Dismounted")).isEqualTo(HtmlReport.Tone.IDLE);
        assertThat(HtmlReport.duration(Duration.ofSeconds(3723).plusMillis(500))).isEqualTo("1h 2m 3.5s");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }
}
