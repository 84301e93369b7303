package io.github.exha.exchange.shell;

import static io.github.exha.exchange.shell.RealStoreLab.EXCH1_DB;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.exchange.server.MailboxUsage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Get-MailboxStatistics on the real store: counts from the database's records, growing as mail is delivered. */
class MailboxStatisticsTest {
    private final RealStoreLab shell = new RealStoreLab();

    @Test
    void itemCountAndSizeAreWhatTheDatabaseHoldsAndGrowAsTheWorkloadDelivers() {
        shell.run("Start-Sleep -Seconds 600");
        long before = itemCount(shell.text("Get-MailboxStatistics paul | fl"));
        MailboxUsage held = usage("paul");
        assertThat(before).isPositive().isEqualTo(held.itemCount());
        assertThat(shell.text("Get-MailboxStatistics paul | fl"))
                .contains("TotalItemSize           : " + held.totalItemSize() + "B")
                .contains("Database                : " + EXCH1_DB)
                .contains("ServerName              : EXCH1");

        shell.run("Start-Sleep -Seconds 600");
        long after = itemCount(shell.text("Get-MailboxStatistics paul | fl"));
        assertThat(after).isGreaterThan(before).isEqualTo(usage("paul").itemCount());
    }

    @Test
    void theTableListsEveryMailboxOfADatabaseWithEmsColumns() {
        shell.run("Start-Sleep -Seconds 600");
        String table = shell.text("Get-MailboxStatistics -Database '" + EXCH1_DB + "'");
        assertThat(table).contains("DisplayName").contains("ItemCount").contains("StorageLimitStatus")
                .contains("LastLogonTime").contains("Paul Cunningham").contains("Alan Smith")
                .contains("NoChecking").doesNotContain("Bea Lam");
        assertThat(shell.text("Get-MailboxStatistics -Server SCCCMS")).contains("Bea Lam")
                .doesNotContain("Paul Cunningham");
    }

    @Test
    void aDismountedDatabaseCannotBeReadAndTheCmdletSaysSo() {
        shell.run("Dismount-Database '" + EXCH1_DB + "' -Confirm:$false");
        var step = shell.failed("Get-MailboxStatistics -Database '" + EXCH1_DB + "'");
        assertThat(step.error().code()).isEqualTo("exchange.shell.database-not-mounted");
        assertThat(step.error().message()).contains(EXCH1_DB).contains("MapiExceptionNetworkError");
    }

    @Test
    void aMailboxThatHoldsNothingYetDrawsEmsWarning() {
        // No time has passed: nothing was delivered.
        var report = shell.run("Get-MailboxStatistics paul");
        assertThat(report.exitCode()).isZero();
        assertThat(io.github.exha.core.command.OutputFormatter.render(report.steps().get(0).output()))
                .startsWith("WARNING: The user hasn't logged on to mailbox 'contoso.com/Users/Paul Cunningham'")
                .doesNotContain("ItemCount");
    }

    private MailboxUsage usage(String alias) {
        List<MailboxUsage> all = shell.store.mailboxUsage(EXCH1_DB).orElseThrow();
        return all.stream().filter(u -> u.mailbox().equals(alias)).findFirst().orElseThrow();
    }

    private static long itemCount(String list) {
        Matcher m = Pattern.compile("ItemCount\\s+: (\\d+)").matcher(list);
        assertThat(m.find()).as(list).isTrue();
        return Long.parseLong(m.group(1));
    }
}
