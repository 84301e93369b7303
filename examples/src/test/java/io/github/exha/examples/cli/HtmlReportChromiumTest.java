package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.exha.examples.report.HtmlReport;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a person sees it: headless Chromium (Debian's {@code chromium}, which {@code .ci/run} installs) renders
 * the report of seed 003's failover and failback, and the screenshot must show the swimlanes. Without Chromium the test
 * is skipped on a developer's machine and fails in CI (env {@code CI} set).
 */
class HtmlReportChromiumTest {
    private static final int WINDOW_WIDTH = 1300;
    private static final int WINDOW_HEIGHT = 1200;

    @TempDir
    Path dir;

    @Test
    void theReportOfSeed003RendersItsTimelineInHeadlessChromium() throws Exception {
        String chromium = chromium();
        Path report = dir.resolve("report.html");
        ExhaCliTest.Result r = ExhaCliTest.exha("scenario", "seed-003-scr-failover-failback", "--report",
                report.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path png = dir.resolve("report.png");

        ProcessBuilder command = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"), "--screenshot=" + png,
                "--window-size=" + WINDOW_WIDTH + "," + WINDOW_HEIGHT, report.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile());
        Process process = command.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish the screenshot within 120 s: "
                    + Files.readString(dir.resolve("chromium.log"), StandardCharsets.UTF_8));
        }
        assertThat(png).as(Files.readString(dir.resolve("chromium.log"), StandardCharsets.UTF_8)).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WINDOW_WIDTH);

        // The swimlanes start right of the label column: the body's left margin plus the SVG's gutter.
        int plotLeft = HtmlReport.BODY_MARGIN_LEFT + HtmlReport.GUTTER;
        int plotRight = HtmlReport.BODY_MARGIN_LEFT + HtmlReport.WIDTH - 20;
        int online = count(image, plotLeft, plotRight, HtmlReport.rgb("Online"));
        int crashed = count(image, plotLeft, plotRight, HtmlReport.rgb("Crashed"));
        int offline = count(image, plotLeft, plotRight, HtmlReport.rgb("Offline"));
        assertThat(online).as("Online/Mounted/Up pixels in the timeline").isGreaterThan(40_000);
        assertThat(crashed).as("Crashed pixels: production's nodes are lost").isGreaterThan(1_500);
        assertThat(offline).as("Offline/Dismounted pixels").isGreaterThan(10_000);
        // Stacked lanes: a column just right of the gutter crosses many separate green bars (one per lane).
        assertThat(bars(image, plotLeft + 12, HtmlReport.rgb("Online"))).as("lanes at x=" + (plotLeft + 12))
                .isGreaterThanOrEqualTo(10);
        // Nothing of the timeline's colours left of the plot but the legend's swatches.
        assertThat(count(image, HtmlReport.BODY_MARGIN_LEFT + 40, plotLeft - 4, HtmlReport.rgb("Online")))
                .as("green left of the plot").isLessThan(400);
        ImageIO.write(image, "png", new File(dir.toFile(), "checked.png"));
    }

    private static String chromium() throws IOException, InterruptedException {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, name))) {
                    return Path.of(folder, name).toString();
                }
            }
        }
        if (System.getenv("CI") != null) {
            fail("chromium is not installed: .ci/run installs Debian's chromium before the build");
        }
        Assumptions.assumeTrue(false, "chromium is not installed (apt-get install chromium); CI runs this test");
        return null;
    }

    private static int count(BufferedImage image, int fromX, int toX, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = Math.max(0, fromX); x < Math.min(image.getWidth(), toX); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Runs of {@code rgb} pixels down the column {@code x}. */
    private static int bars(BufferedImage image, int x, int rgb) {
        int runs = 0;
        boolean inside = false;
        for (int y = 0; y < image.getHeight(); y++) {
            boolean hit = (image.getRGB(x, y) & 0xffffff) == rgb;
            if (hit && !inside) {
                runs++;
            }
            inside = hit;
        }
        return runs;
    }
}
