package io.github.exha.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.OpenFile;
import io.github.exha.cluster.host.OpenFiles;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.ConfirmPolicy;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.run.StepStatus;
import io.github.exha.core.runbook.RunbookParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * cmd's {@code move} on a host's simulated volumes: seed 004's wildcard move of a storage group's files to another
 * volume, renames, cmd's refusals with Windows' texts, and files another process holds open.
 */
class MoveCommandTest {
    private static final String SG = "C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox\\First Storage Group";
    private static final int LOG_SIZE = 1 << 20;

    /** Files the test says are open, as a running program would. */
    private final List<OpenFile> open = new ArrayList<>();
    private final Lab lab = Lab.create(LabSpec.of(TopologySource.text("two-site-scc.yaml", topology())),
            new ClusterModule(), binder -> ClusterModule.openFiles(binder).addBinding().toInstance(
                    (OpenFiles) host -> host.name().equals("NODE1") ? List.copyOf(open) : List.of()));
    private final Host node1 = lab.instance(Datacenter.class).host("NODE1");

    private static String topology() {
        try (InputStream in = MoveCommandTest.class.getResourceAsStream("/topologies/two-site-scc.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private RunReport run(String text) {
        return run(text, RunOptions.defaults());
    }

    private RunReport run(String text, RunOptions options) {
        return lab.run(RunbookParser.parse("move.ps1", text), options);
    }

    /** A storage group's folder as Exchange leaves it after a dismount: logs (sparse), checkpoint, database. */
    private void storageGroupFolder() {
        lab.await(node1.createDirectory(SG));
        lab.await(node1.createDirectory("G:\\Logs"));
        Volume c = node1.volume("C");
        String folder = SG.substring(2);
        for (String log : List.of("E0000000001.log", "E0000000002.log", "E00.log")) {
            c.createFile(folder + "\\" + log).join();
            c.write(folder + "\\" + log, 0, bytes(log, 4096), 0, 4096).join();
            c.write(folder + "\\" + log, LOG_SIZE - 1, new byte[] {7}, 0, 1).join();
        }
        c.createFile(folder + "\\E00.chk").join();
        c.append(folder + "\\E00.chk", bytes("checkpoint", 8192), 0, 8192).join();
        c.createFile(folder + "\\Mailbox Database.edb").join();
        c.append(folder + "\\Mailbox Database.edb", bytes("edb", 300_000), 0, 300_000).join();
    }

    private static byte[] bytes(String seed, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed.charAt(i % seed.length()) + i);
        }
        return bytes;
    }

    private static byte[] content(Volume volume, String path) {
        byte[] bytes = new byte[(int) volume.size(path)];
        volume.read(path, 0, bytes, 0, bytes.length);
        return bytes;
    }

    @Test
    void seed004sWildcardMoveTakesEveryFileOfTheFolderToAnotherVolumeIntact() {
        storageGroupFolder();
        Volume c = node1.volume("C");
        Volume g = node1.volume("G");
        byte[] log = content(c, SG.substring(2) + "\\E0000000001.log");
        byte[] edb = content(c, SG.substring(2) + "\\Mailbox Database.edb");
        long freeBefore = g.freeBytes();

        RunReport report = run("Enter-PSSession NODE1\nmove \"" + SG + "\\*.*\" G:\\Logs\n");

        assertThat(report.exitCode()).as(report.toString()).isZero();
        // In the folder's order (NTFS sorts names ignoring case: '.' before '0').
        assertThat(report.steps().get(1).output()).containsExactly(SG + "\\E00.chk", SG + "\\E00.log",
                SG + "\\E0000000001.log", SG + "\\E0000000002.log", SG + "\\Mailbox Database.edb",
                "        5 file(s) moved.");
        assertThat(c.list(SG.substring(2))).isEmpty();
        assertThat(g.list("\\Logs")).extracting(e -> e.name()).containsExactly("E00.chk", "E00.log",
                "E0000000001.log", "E0000000002.log", "Mailbox Database.edb");
        assertThat(content(g, "\\Logs\\E0000000001.log")).isEqualTo(log);
        assertThat(content(g, "\\Logs\\Mailbox Database.edb")).isEqualTo(edb);
        // The logs' holes stayed holes: three 1 MB logs took far less than 3 MB on G:.
        assertThat(freeBefore - g.freeBytes()).isLessThan(3L * LOG_SIZE / 2);
    }

    @Test
    void aFileOpenInAnotherProcessStaysAndTheOthersMove() {
        storageGroupFolder();
        open.add(new OpenFile(SG + "\\E00.log", "store.exe"));
        open.add(new OpenFile(SG.toUpperCase() + "\\.\\MAILBOX DATABASE.EDB", "store.exe"));

        RunReport report = run("Enter-PSSession NODE1\nmove \"" + SG + "\\*.*\" G:\\Logs\n");

        StepResult move = report.steps().get(1);
        assertThat(move.status()).isEqualTo(StepStatus.FAILED);
        assertThat(move.error().code()).isEqualTo("cluster.fs.sharing-violation");
        assertThat(move.error().nativeCode()).startsWith("32");
        assertThat(move.error().message()).startsWith("The process cannot access the file because it is being used "
                + "by another process.").contains("E00.log is open in store.exe on NODE1");
        assertThat(move.output()).containsExactly(SG + "\\E00.chk", SG + "\\E00.log",
                "The process cannot access the file because it is being used by another process.",
                SG + "\\E0000000001.log", SG + "\\E0000000002.log", SG + "\\Mailbox Database.edb",
                "The process cannot access the file because it is being used by another process.",
                "        3 file(s) moved.");
        assertThat(node1.volume("C").list(SG.substring(2))).extracting(e -> e.name())
                .containsExactly("E00.log", "Mailbox Database.edb");
        assertThat(node1.volume("G").list("\\Logs")).extracting(e -> e.name())
                .containsExactly("E00.chk", "E0000000001.log", "E0000000002.log");
    }

    @Test
    void aFolderHoldingAnOpenFileCannotBeRenamed() {
        storageGroupFolder();
        open.add(new OpenFile(SG + "\\E00.log", "store.exe"));
        RunReport report = run("Enter-PSSession NODE1\nmove \"" + SG + "\" \"C:\\Program Files\\SG1\"\n");
        assertThat(report.steps().get(1).error().code()).isEqualTo("cluster.fs.sharing-violation");
        assertThat(node1.volume("C").isDirectory(SG.substring(2))).isTrue();
    }

    @Test
    void aFolderIsRenamedWithinItsVolumeButCannotLeaveIt() {
        storageGroupFolder();
        RunReport report = run("Enter-PSSession NODE1\nmove \"" + SG + "\" G:\\SG1\nmove \"" + SG
                + "\" \"C:\\Program Files\\SG1\"\n", new RunOptions(true, ConfirmPolicy.ACCEPT));
        StepResult across = report.steps().get(1);
        assertThat(across.error().code()).isEqualTo("cluster.fs.access-denied");
        assertThat(across.error().nativeCode()).startsWith("5");
        assertThat(across.output()).containsExactly("Access is denied.", "        0 dir(s) moved.");
        assertThat(report.steps().get(2).output()).containsExactly("        1 dir(s) moved.");
        assertThat(node1.volume("C").list("\\Program Files\\SG1")).hasSize(5);
    }

    @Test
    void aSingleFileIsRenamedOrMovedUnderTheDestinationsName() {
        storageGroupFolder();
        RunReport report = run("""
                Enter-PSSession NODE1
                move "%1$s\\E00.chk" "%1$s\\E00.old"
                move "%1$s\\E00.old" G:\\Logs
                move G:\\Logs\\E00.old G:\\checkpoint.chk
                """.formatted(SG));
        assertThat(report.exitCode()).isZero();
        assertThat(report.steps().get(1).output()).containsExactly("        1 file(s) moved.");
        assertThat(node1.volume("G").exists("\\checkpoint.chk")).isTrue();
        assertThat(node1.volume("G").size("\\checkpoint.chk")).isEqualTo(8192);
    }

    @Test
    void cmdsRefusalsHaveWindowsTexts() {
        storageGroupFolder();
        RunReport report = run("""
                Enter-PSSession NODE1
                move C:\\nothing.log G:\\Logs
                move "%1$s\\*.xyz" G:\\Logs
                move "%1$s\\*.log" G:\\NoSuchFolder
                move C:\\Program Files\\x.log G:\\Logs
                move "%1$s\\E00.chk" G:\\NoSuchFolder\\
                move "%1$s\\E00.chk" Q:\\Logs
                """.formatted(SG), new RunOptions(true, ConfirmPolicy.ACCEPT));
        List<String> errors = report.steps().stream().skip(1).map(s -> s.error().code() + " " + s.error().nativeCode()
                + " " + s.error().message()).toList();
        assertThat(errors.get(0)).startsWith("cluster.fs.file-not-found 2").contains("The system cannot find the file "
                + "specified.");
        assertThat(errors.get(1)).startsWith("cluster.fs.file-not-found 2");
        assertThat(errors.get(2)).startsWith("cluster.bad-arguments").contains("Cannot move multiple files to a "
                + "single file.");
        assertThat(errors.get(3)).startsWith("cluster.bad-arguments").contains("The syntax of the command is "
                + "incorrect.");
        assertThat(errors.get(4)).startsWith("cluster.fs.path-not-found 3").contains("The system cannot find the path "
                + "specified.");
        assertThat(errors.get(5)).startsWith("cluster.fs.path-not-found 3");
        // Nothing moved.
        assertThat(node1.volume("C").list(SG.substring(2))).hasSize(5);
        assertThat(node1.volume("G").list("\\Logs")).isEmpty();
    }

    @Test
    void anExistingFileIsReplacedUnlessTheAnswerToOverwriteIsNo() {
        storageGroupFolder();
        Volume g = node1.volume("G");
        g.createFile("\\Logs\\E00.chk").join();
        String line = "Enter-PSSession NODE1\nmove /-Y \"" + SG + "\\E00.chk\" G:\\Logs\n";

        RunReport declined = run(line, new RunOptions(false, ConfirmPolicy.DECLINE));
        assertThat(declined.steps().get(1).output()).last().isEqualTo("        0 file(s) moved.");
        assertThat(g.size("\\Logs\\E00.chk")).isZero();

        RunReport replaced = run("Enter-PSSession NODE1\nmove \"" + SG + "\\E00.chk\" G:\\Logs\n");
        assertThat(replaced.steps().get(1).output()).containsExactly("        1 file(s) moved.");
        assertThat(g.size("\\Logs\\E00.chk")).isEqualTo(8192);
        assertThat(node1.volume("C").exists(SG.substring(2) + "\\E00.chk")).isFalse();
    }

    @Test
    void aCommaSeparatedListMovesEachFileItNames() {
        storageGroupFolder();
        RunReport report = run("Enter-PSSession NODE1\nmove \"" + SG + "\\E00.chk\",\"" + SG
                + "\\E00.log\" G:\\Logs\n");
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        assertThat(report.steps().get(1).output()).last().isEqualTo("        2 file(s) moved.");
        assertThat(Arrays.asList(node1.volume("G").exists("\\Logs\\E00.chk"), node1.volume("G").exists(
                "\\Logs\\E00.log"))).containsOnly(true);
    }
}
