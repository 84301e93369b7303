package io.github.exha.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** cmd's {@code dir} on a host's simulated volumes: cmd's listing without dates, bare names, wildcards, not found. */
class DirCommandTest {
    private final Lab lab = Lab.create(LabSpec.of(TopologySource.text("two-site-scc.yaml", topology())),
            new ClusterModule());
    private final Host node1 = lab.instance(Datacenter.class).host("NODE1");

    private static String topology() {
        try (InputStream in = DirCommandTest.class.getResourceAsStream("/topologies/two-site-scc.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private RunReport run(String text) {
        return lab.run(RunbookParser.parse("dir.ps1", text), new RunOptions(true, ConfirmPolicy.ACCEPT));
    }

    @Test
    void listsAFolderWithSizesAndTotalsAndMatchesWildcardsAndBareNames() {
        lab.await(node1.createDirectory("G:\\Logs\\Old"));
        Volume g = node1.volume("G");
        g.createFile("\\Logs\\E00.log").join();
        g.write("\\Logs\\E00.log", (1 << 20) - 1, new byte[] {1}, 0, 1).join();
        g.createFile("\\Logs\\E00.chk").join();
        g.append("\\Logs\\E00.chk", new byte[8192], 0, 8192).join();

        RunReport report = run("Enter-PSSession NODE1\ndir G:\\Logs\ndir G:\\Logs\\*.log /B\ndir G:\\Logs\\*.edb\n"
                + "dir G:\\Nothing\\*.*\n");

        assertThat(report.steps().get(1).output()).containsExactly(" Volume in drive G is EXCHLOG", "",
                " Directory of G:\\Logs", "", "<DIR>          .", "<DIR>          ..", "         8,192 E00.chk",
                "     1,048,576 E00.log", "<DIR>          Old",
                "               2 File(s)      1,056,768 bytes",
                String.format(Locale.US, "               3 Dir(s) %,15d bytes free", g.freeBytes()));
        assertThat(report.steps().get(2).output()).containsExactly("E00.log");
        assertThat(report.steps().get(3).error().message()).startsWith("File Not Found");
        assertThat(report.steps().get(4).error().code()).isEqualTo("cluster.fs.path-not-found");
    }
}
