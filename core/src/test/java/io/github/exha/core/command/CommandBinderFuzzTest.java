package io.github.exha.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.command.builtin.EnterPSSession;
import io.github.exha.core.command.builtin.FormatView;
import io.github.exha.core.command.builtin.StartSleep;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.runbook.RunbookParser;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Feeds mutated command lines through the parser and the binder: every outcome is bound statements or an
 * {@link ExhaException} with a position, never another exception. Replay a failure with
 * {@code -Dexha.fuzz.seed=<printed seed>}.
 */
class CommandBinderFuzzTest {
    private static final List<String> LINES = List.of(
            "Enable-StorageGroupCopy “CCREX01\\First Storage Group” –StandbyMachine NH-W2K3-SRV03 –ReplayLagTime 0.0:0:0",
            "Stop-ClusteredMailboxServer CCREX01 –StopReason “Moving back to production data center”",
            "Set-MailboxServer X -AutoDatabaseMountDial GoodAvailability -AllowFileRestore:$TRUE -Roles a,b -MaxLogs 50",
            "Get-MailboxDatabase –server Exchange-DR | Set-MailboxServer –allowfilerestore:$TRUE",
            "setup.com /RecoverCMS /CMSName:CCREX01 /CMSIPAddress:192.168.10.50",
            "Setup.com /ClearLocalCMS /cn:CCREX01",
            "cluster group \"EVS2\" /moveto:Node2",
            "Start-Sleep -Seconds 90",
            "Start-Sleep -Milliseconds 5",
            "Enter-PSSession -ComputerName NODE1",
            "Get-MailboxDatabase | fl Name,Mount*");
    private static final String ALPHABET = "-–—:$,|/\\\"“”'‘’` \t\n0123456789.aAzZ*;#";
    private static final int CASES = 10_000;

    @Test
    void everyMutatedLineBindsOrFailsWithAPositionedError() {
        long seed = Long.getLong("exha.fuzz.seed", 0x5EEDL);
        System.out.println("CommandBinderFuzzTest seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        CommandBinder binder = new CommandBinder(new CommandCatalog(TestCommands.all(new StartSleep(),
                new EnterPSSession(), FormatView.list())));
        int bound = 0;
        for (int i = 0; i < CASES; i++) {
            String text = mutate(LINES.get(random.nextInt(LINES.size())), random);
            if (Boolean.getBoolean("exha.fuzz.trace")) {
                System.out.println("case " + i + ": " + text);
                System.out.flush();
            }
            try {
                Runbook runbook = RunbookParser.parse("fuzz.ps1", text);
                binder.bind(runbook);
                bound++;
            } catch (ExhaException e) {
                assertThat(e.position()).as("no position for case %d: %s -> %s", i, text, e.getMessage()).isPresent();
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " (seed " + seed + ") threw " + e + " for: " + text, e);
            }
        }
        assertThat(bound).as("some mutations still bind").isGreaterThan(CASES / 20);
    }

    private static String mutate(String line, SplittableRandom random) {
        StringBuilder s = new StringBuilder(line);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> {
                    int end = Math.min(s.length(), at + 1 + random.nextInt(8));
                    s.insert(random.nextInt(s.length()), s.substring(at, end));
                }
            }
        }
        return s.toString();
    }
}
