package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exha shell} from the command line: lines piped in, and a topology that does not load. */
class ShellCommandTest {
    @TempDir
    Path dir;

    @Test
    void linesPipedInRunAsATranscript() throws IOException, InterruptedException {
        Path input = dir.resolve("input.ps1");
        Files.writeString(input, "Enter-PSSession -ComputerName EXCHMAILBOX1\nStart-Sleep -Seconds 90\n"
                + "Get-StorageGroup -Identity Nope\nexit\nGet-Date\n", StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path transcript = dir.resolve("out.txt");
        Process process = new ProcessBuilder(List.of(java, "-cp", classPath, ExhaCli.class.getName(), "shell",
                "--topology", "topologies/seed-002-scc.yaml")).redirectInput(input.toFile())
                .redirectOutput(transcript.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String out = Files.readString(transcript, StandardCharsets.UTF_8);
        assertThat(process.isAlive()).as(out).isFalse();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("[PS] 2009-07-30 09:00:00> Enter-PSSession -ComputerName EXCHMAILBOX1",
                "[PS] 2009-07-30 09:00:00 EXCHMAILBOX1> Start-Sleep -Seconds 90", "(1m30s virtual)",
                "[PS] 2009-07-30 09:01:30 EXCHMAILBOX1> Get-StorageGroup -Identity Nope",
                "error exchange.object-not-found:", "[PS] 2009-07-30 09:01:30> Get-Date", "7/30/2009 9:01:30 AM",
                "5 steps: 4 ok, 1 failed, 0 skipped");
    }

    @Test
    void aTopologyThatDoesNotLoadIsAUsageError() throws IOException {
        Path topology = dir.resolve("bad.yaml");
        Files.writeString(topology, "name: [unclosed\n", StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ExhaCli.execute(new String[] {"shell", "--topology", topology.toString()}, new PrintWriter(out),
                new PrintWriter(err));
        assertThat(code).isEqualTo(ExhaCli.USAGE);
        assertThat(err.toString()).contains("bad.yaml:");
    }
}
