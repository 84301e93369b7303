package io.github.exha.core.runbook;

import static io.github.exha.core.runbook.RunbookAst.FILE;
import static io.github.exha.core.runbook.RunbookAst.arg;
import static io.github.exha.core.runbook.RunbookAst.array;
import static io.github.exha.core.runbook.RunbookAst.at;
import static io.github.exha.core.runbook.RunbookAst.command;
import static io.github.exha.core.runbook.RunbookAst.param;
import static io.github.exha.core.runbook.RunbookAst.quoted;
import static io.github.exha.core.runbook.RunbookAst.slash;
import static io.github.exha.core.runbook.RunbookAst.variable;
import static io.github.exha.core.runbook.RunbookAst.word;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How runbook text becomes statements: separators, comments, continuations, quoting, arrays, positions. */
class RunbookParserTest {

    private static List<Statement> statements(String text) {
        return RunbookParser.parse(FILE, text).statements();
    }

    private static List<CommandElement> elements(String line) {
        List<Statement> statements = statements(line);
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).pipeline()).hasSize(1);
        return statements.get(0).pipeline().get(0).elements();
    }

    private static Value onlyArgument(String line) {
        List<CommandElement> elements = elements(line);
        assertThat(elements).hasSize(1).first().isInstanceOf(ArgumentElement.class);
        return ((ArgumentElement) elements.get(0)).value();
    }

    @Test
    void wholeRunbookWithCommentsBlankLinesCrlfContinuationAndMultiLinePipeline() {
        List<String> seeds = RunbookParserSeedLinesTest.seedLines();
        List<String> lines = new ArrayList<>();
        lines.add("# Site resilience rehearsal: fail over to the DR site");
        lines.add("");
        lines.add("Enter-PSSession -ComputerName NODE1   # run on the passive node");
        lines.add("   ");
        lines.addAll(seeds);
        lines.add("<# multi-line");
        lines.add("   block comment #>");
        lines.add("Move-DatabasePath -Identity \"CCR01\\First Storage Group\\Mailbox Database\" `");
        lines.add("    -EdbFilePath \"F:\\DB\\Mailbox Database.edb\" -ConfigurationOnly");
        lines.add("Get-StorageGroupCopyStatus |");
        lines.add("    # which copies are healthy?");
        lines.add("    fl");
        lines.add("CACLS C:\\ FSW_CCR_MAIL /G BUILTIN\\Administrators:F CCRCLUSTER$:F");
        lines.add("Dismount-Database \u201CCCREX01\\First Storage Group\\Mailbox Database\u201D");
        lines.add("Start-Sleep -Seconds 90; Exit-PSSession");
        String text = String.join("\r\n", lines) + "\r\n";

        List<Statement> statements = statements(text);

        assertThat(statements).hasSize(1 + seeds.size() + 5 + 1);
        assertThat(statements.get(0).text()).isEqualTo("Enter-PSSession -ComputerName NODE1");
        assertThat(statements.get(0).position()).isEqualTo(at(3, 1));
        for (int i = 0; i < seeds.size(); i++) {
            assertThat(statements.get(1 + i).text()).isEqualTo(seeds.get(i));
            assertThat(statements.get(1 + i).position()).isEqualTo(at(5 + i, 1));
        }
        Statement continued = statements.get(1 + seeds.size());
        assertThat(continued.position()).isEqualTo(at(25, 1));
        assertThat(continued.text()).isEqualTo(lines.get(24) + "\r\n" + lines.get(25));
        assertThat(continued.pipeline().get(0).elements()).hasSize(5);
        assertThat(continued.pipeline().get(0).elements().get(2).position()).isEqualTo(at(26, 5));

        Statement piped = statements.get(2 + seeds.size());
        assertThat(piped.text()).isEqualTo(String.join("\r\n", lines.subList(26, 29)));
        assertThat(piped.pipeline()).containsExactly(
                command("Get-StorageGroupCopyStatus", at(27, 1)),
                command("fl", at(29, 5)));

        assertThat(statements.get(3 + seeds.size()).position()).isEqualTo(at(30, 1));
        assertThat(statements.get(4 + seeds.size()).position()).isEqualTo(at(31, 1));
        assertThat(statements.get(5 + seeds.size()).text()).isEqualTo("Start-Sleep -Seconds 90");
        assertThat(statements.get(6 + seeds.size()).text()).isEqualTo("Exit-PSSession");
        assertThat(statements.get(6 + seeds.size()).position()).isEqualTo(at(32, 26));
    }

    @Test
    void loneCarriageReturnAndLineFeedBothEndLines() {
        List<Statement> statements = statements("Get-A\rGet-B\nGet-C\r\n\r\nGet-D");
        assertThat(statements).extracting(Statement::position)
                .containsExactly(at(1, 1), at(2, 1), at(3, 1), at(5, 1));
    }

    @Test
    void emptyTextAndOnlyCommentsGiveNoStatements() {
        assertThat(statements("")).isEmpty();
        assertThat(statements("\n\n  ;; \r\n# nothing\n<# still nothing #>\n")).isEmpty();
    }

    @Test
    void semicolonsSeparateStatementsOnOneLine() {
        assertThat(statements("Get-A; Get-B ;Get-C")).extracting(Statement::text)
                .containsExactly("Get-A", "Get-B", "Get-C");
    }

    @Test
    void byteOrderMarkIsSkippedAndDoesNotShiftColumns() {
        assertThat(statements("\uFEFFGet-StorageGroup -Identity SG1").get(0).pipeline().get(0))
                .isEqualTo(command("Get-StorageGroup", at(1, 1), param("-Identity", at(1, 18)),
                        arg(word("SG1", at(1, 28)))));
    }

    @Test
    void tabIsOneColumnAndSurrogatePairIsTwo() {
        assertThat(elements("Get-X\t\uD83D\uDE00 b")).containsExactly(
                arg(word("\uD83D\uDE00", at(1, 7))),
                arg(word("b", at(1, 10))));
    }

    @Test
    void hashInsideABareWordIsPartOfTheWordButStartsACommentAtATokenStart() {
        List<Statement> statements = statements("Get-X a#b #comment | Not-A-Command");
        assertThat(statements).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("Get-X a#b");
            assertThat(s.pipeline().get(0).elements()).containsExactly(arg(word("a#b", at(1, 7))));
        });
    }

    @Test
    void blockCommentBetweenTokensIsSkippedAndKeptInTheStatementText() {
        List<Statement> statements = statements("Get-X <# why #> -Name a");
        assertThat(statements.get(0).text()).isEqualTo("Get-X <# why #> -Name a");
        assertThat(statements.get(0).pipeline().get(0).elements())
                .containsExactly(param("-Name", at(1, 17)), arg(word("a", at(1, 23))));
    }

    @Test
    void allFourDashesStartParameters() {
        assertThat(elements("Get-X -A \u2013B \u2014C \u2015D")).containsExactly(
                param("-A", at(1, 7)), param("\u2013B", at(1, 10)), param("\u2014C", at(1, 13)),
                param("\u2015D", at(1, 16)));
    }

    @Test
    void parameterNamesMayStartWithUnderscoreOrQuestionMark() {
        assertThat(elements("Get-X -_x -?")).containsExactly(param("-_x", at(1, 7)), param("-?", at(1, 11)));
    }

    @Test
    void dashFollowedByDigitOrDotIsANumberLiteral() {
        assertThat(elements("Get-X -5 -.5 -")).containsExactly(
                arg(word("-5", at(1, 7))), arg(word("-.5", at(1, 10))), arg(word("-", at(1, 14))));
    }

    @Test
    void colonAttachedValueMayFollowWhitespaceAndMayStartWithADash() {
        assertThat(elements("Get-X -Name: value -Delta:-5 -Other:-Force")).containsExactly(
                param("-Name:", word("value", at(1, 14)), at(1, 7)),
                param("-Delta:", word("-5", at(1, 27)), at(1, 20)),
                param("-Other:", word("-Force", at(1, 37)), at(1, 30)));
    }

    @Test
    void doubleDashEndsParameterParsingForThatCommandOnly() {
        Statement statement = statements("Get-X -A -- -B x | Get-Y -C").get(0);
        assertThat(statement.pipeline().get(0).elements()).containsExactly(
                param("-A", at(1, 7)), arg(word("-B", at(1, 13))), arg(word("x", at(1, 16))));
        assertThat(statement.pipeline().get(1).elements()).containsExactly(param("-C", at(1, 26)));
    }

    @Test
    void slashAloneIsALiteralAndQuotedSlashValueIsUnquoted() {
        assertThat(elements("setup.com / /CMSDataPath:\"C:\\Program Files\\x\" /a\"b:c\"")).containsExactly(
                arg(word("/", at(1, 11))),
                slash("CMSDataPath", "C:\\Program Files\\x", "/CMSDataPath:\"C:\\Program Files\\x\"", at(1, 13)),
                slash("ab:c", null, "/a\"b:c\"", at(1, 47)));
    }

    @Test
    void slashWordFollowedByCommaIsAnArrayArgument() {
        assertThat(onlyArgument("tool /a,b")).isEqualTo(array(word("/a", at(1, 6)), word("b", at(1, 9))));
    }

    @Test
    void adjacentQuotedSegmentsConcatenateIntoABareWord() {
        assertThat(onlyArgument("Get-X abc\"d e\"f'g h'")).isEqualTo(quoted("abcd efg h", at(1, 7)));
    }

    @Test
    void quotedStringFollowedByABareWordIsTwoArgumentsAsInPowerShell() {
        assertThat(elements("Get-X \"a\"b")).containsExactly(arg(quoted("a", at(1, 7))), arg(word("b", at(1, 10))));
    }

    @Test
    void backtickInABareWordTakesTheNextCharacterLiterally() {
        assertThat(elements("Get-X a`|b `-Name `$x")).containsExactly(
                arg(word("a|b", at(1, 7))), arg(word("-Name", at(1, 12))), arg(word("$x", at(1, 19))));
    }

    @Test
    void doubleQuotedEscapesAndDoubledQuotes() {
        assertThat(onlyArgument("Get-X \"`0`a`b`f`n`r`t`v`\"``$`$ `q \"\" $ 5$\""))
                .isEqualTo(quoted("\0\u0007\b\f\n\r\t\u000B\"`$$ q \" $ 5$", at(1, 7)));
    }

    @Test
    void curlyDoubleQuotesAreOneClassWithStraightQuotes() {
        assertThat(elements("Get-X \u201Ea\" \u201Db\u201C \"c\u201D\u201Dd\u201C")).containsExactly(
                arg(quoted("a", at(1, 7))), arg(quoted("b", at(1, 11))), arg(quoted("c\u201Dd", at(1, 15))));
    }

    @Test
    void singleQuotesKeepBackticksAndDollarsAndDoubleToEscape() {
        assertThat(elements("Get-X 'a `n $x' \u2018it\u2019\u2019s\u201B \u201A\u2019")).containsExactly(
                arg(quoted("a `n $x", at(1, 7))), arg(quoted("it\u2019s", at(1, 17))), arg(quoted("", at(1, 25))));
    }

    @Test
    void quotedNumberIsMarkedQuoted() {
        assertThat(onlyArgument("Start-Sleep \"90\"")).isEqualTo(quoted("90", at(1, 13)));
    }

    @Test
    void multiLineStringKeepsTheStatementTogether() {
        List<Statement> statements = statements("Get-X \"a\nb\" -C\nGet-Y");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).text()).isEqualTo("Get-X \"a\nb\" -C");
        assertThat(statements.get(0).pipeline().get(0).elements().get(1).position()).isEqualTo(at(2, 4));
        assertThat(statements.get(1).position()).isEqualTo(at(3, 1));
    }

    @Test
    void variablesOfAnyCaseAreVariableValues() {
        assertThat(elements("Set-X $true $TRUE $false $null -P:$x_1")).containsExactly(
                arg(variable("true", at(1, 7))), arg(variable("TRUE", at(1, 13))), arg(variable("false", at(1, 19))),
                arg(variable("null", at(1, 26))), param("-P:", variable("x_1", at(1, 35)), at(1, 32)));
    }

    @Test
    void loneDollarIsALiteral() {
        assertThat(onlyArgument("Get-X $")).isEqualTo(word("$", at(1, 7)));
    }

    @Test
    void commaSeparatedValuesWithOptionalSpacesAreOneArray() {
        assertThat(elements("Set-X Mailbox,ClientAccess -Roles a , 'b',$true")).containsExactly(
                arg(array(word("Mailbox", at(1, 7)), word("ClientAccess", at(1, 15)))),
                param("-Roles", at(1, 28)),
                arg(array(word("a", at(1, 35)), quoted("b", at(1, 39)), variable("true", at(1, 43)))));
    }

    @Test
    void arrayMayBeAttachedToAParameterAndMayContainDashWords() {
        assertThat(elements("Set-X -Roles:a,-b")).containsExactly(
                param("-Roles:", array(word("a", at(1, 14)), word("-b", at(1, 16))), at(1, 7)));
    }

    @Test
    void specialCharactersInsideABareWordAfterItsFirstCharacterAreText() {
        assertThat(onlyArgument("Get-X a(b){c}[d]>e&f@g<h")).isEqualTo(word("a(b){c}[d]>e&f@g<h", at(1, 7)));
    }

    @Test
    void commandNamesMayBePathsAndNativePrograms() {
        assertThat(statements(".\\setup.com /mode:install\nD:\\setup.com\ncluster.exe res\nsetup\n7z x"))
                .extracting(s -> s.pipeline().get(0).name())
                .containsExactly(".\\setup.com", "D:\\setup.com", "cluster.exe", "setup", "7z");
    }

    @Test
    void nonBreakingSpaceSeparatesTokens() {
        assertThat(elements("Get-X\u00A0-Name\u00A0a")).containsExactly(param("-Name", at(1, 7)), arg(word("a", at(1, 13))));
    }

    @Test
    void backtickContinuationAfterAParameterNameEndsIt() {
        assertThat(elements("Get-X -Force`\n -Name a")).containsExactly(
                param("-Force", at(1, 7)), param("-Name", at(2, 2)), arg(word("a", at(2, 8))));
    }

    @Test
    void trailingBacktickAtTheEndOfTheTextIsIgnored() {
        assertThat(statements("Get-X a`").get(0).text()).isEqualTo("Get-X a");
    }

    @Test
    void pipeFollowedByBlankLinesAndCommentsContinuesThePipeline() {
        Statement statement = statements("Get-A |\n\n  # why\n  Get-B").get(0);
        assertThat(statement.pipeline()).extracting(CommandCall::name).containsExactly("Get-A", "Get-B");
    }
}
