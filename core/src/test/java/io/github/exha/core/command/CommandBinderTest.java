package io.github.exha.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.runbook.RunbookParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandBinderTest {
    private final CommandBinder binder = new CommandBinder(new CommandCatalog(TestCommands.all()));

    private BoundCall bind(String line) {
        return binder.bind(RunbookParser.parse("t.ps1", line).statements().get(0)).calls().get(0);
    }

    private ExhaException failure(String line) {
        try {
            binder.bind(RunbookParser.parse("t.ps1", line));
        } catch (ExhaException e) {
            return e;
        }
        throw new AssertionError("expected a binding error for: " + line);
    }

    @Test
    void seedLineWithEnDashesAndCurlyQuotesBinds() {
        BoundCall call = bind("Enable-StorageGroupCopy “CCREX01\\First Storage Group” –StandbyMachine NH-W2K3-SRV03"
                + " –ReplayLagTime 0.0:0:0");
        assertThat(call.command().descriptor().name()).isEqualTo("Enable-StorageGroupCopy");
        Arguments a = call.arguments();
        assertThat(a.identity("Identity")).contains(new Identity("CCREX01\\First Storage Group"));
        assertThat(a.identity("Identity").orElseThrow().parts()).containsExactly("CCREX01", "First Storage Group");
        assertThat(a.string("StandbyMachine")).contains("NH-W2K3-SRV03");
        assertThat(a.timeSpan("ReplayLagTime")).contains(Duration.ZERO);
    }

    @Test
    void commandAndParameterNamesAreCaseInsensitive() {
        Arguments a = bind("enable-storagegroupcopy -identity SG1 -STANDBYMACHINE n1 -replaylagtime 1.00:00:00")
                .arguments();
        assertThat(a.string("StandbyMachine")).contains("n1");
        assertThat(a.timeSpan("ReplayLagTime")).contains(Duration.ofDays(1));
    }

    @Test
    void uniquePrefixOfAParameterNameBinds() {
        assertThat(bind("Enable-StorageGroupCopy SG1 -Stand n1 -Rep 00:30:00").arguments().timeSpan("ReplayLagTime"))
                .contains(Duration.ofMinutes(30));
    }

    @Test
    void ambiguousPrefixListsTheMatches() {
        ExhaException e = failure("Set-MailboxServer X -S a");
        assertThat(e.code()).isEqualTo(CoreErrorCode.AMBIGUOUS_PARAMETER);
        assertThat(e.getMessage()).isEqualTo("Parameter cannot be processed because the parameter name 'S' is"
                + " ambiguous. Possible matches include: -Server -StandbyMachine.");
        assertThat(e.position().orElseThrow().column()).isEqualTo(21);
    }

    @Test
    void unknownParameterSuggestsTheNearestName() {
        ExhaException e = failure("Enable-StorageGroupCopy SG1 -StandbyMachin n1 -ReplyLagTime 0");
        assertThat(e.code()).isEqualTo(CoreErrorCode.UNKNOWN_PARAMETER);
        assertThat(e.getMessage()).startsWith("A parameter cannot be found that matches parameter name 'ReplyLagTime'.")
                .contains("Did you mean -ReplayLagTime");
        assertThat(e.describe()).startsWith("t.ps1:1:47: ");
    }

    @Test
    void unknownCommandSuggestsTheNearestCommand() {
        ExhaException e = failure("\n  Enable-StorageGroupCopi SG1");
        assertThat(e.code()).isEqualTo(CoreErrorCode.UNKNOWN_COMMAND);
        assertThat(e.getMessage()).startsWith("The term 'Enable-StorageGroupCopi' is not recognized as the name of a"
                + " cmdlet, function, script file, or operable program.").endsWith("Did you mean Enable-StorageGroupCopy?");
        assertThat(e.position().orElseThrow()).satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(3);
        });
    }

    @Test
    void missingMandatoryParametersAreAllNamedAsPowerShellDoesNonInteractively() {
        ExhaException e = failure("Stop-ClusteredMailboxServer");
        assertThat(e.code()).isEqualTo(CoreErrorCode.MISSING_MANDATORY_PARAMETERS);
        assertThat(e.getMessage()).isEqualTo(
                "Cannot process command because of one or more missing mandatory parameters: Identity StopReason.");
    }

    @Test
    void pipedCommandMayLeaveItsPipelineParameterUnbound() {
        List<BoundStatement> bound = binder.bind(RunbookParser.parse("t.ps1",
                "Get-MailboxDatabase –server Exchange-DR | Set-MailboxServer –allowfilerestore:$TRUE"));
        BoundCall set = bound.get(0).calls().get(1);
        assertThat(set.pipelineParameter().orElseThrow().name()).isEqualTo("Identity");
        assertThat(set.arguments().flag("AllowFileRestore")).isTrue();
        Arguments withInput = binder.bindPipelineInput(set, PsObject.builder("MailboxDatabase")
                .add("Name", "Mailbox Database").add("Identity", "EXCHANGE-DR\\SG1\\Mailbox Database").build());
        assertThat(withInput.identity("Identity")).contains(new Identity("EXCHANGE-DR\\SG1\\Mailbox Database"));
    }

    @Test
    void firstCommandOfAPipelineMustHaveItsMandatoryParameters() {
        assertThat(failure("Set-MailboxServer -AllowFileRestore:$true").code())
                .isEqualTo(CoreErrorCode.MISSING_MANDATORY_PARAMETERS);
    }

    @Test
    void parameterGivenTwiceIsRefused() {
        ExhaException e = failure("Enable-StorageGroupCopy SG1 -StandbyMachine a -StandbyMachine b");
        assertThat(e.code()).isEqualTo(CoreErrorCode.PARAMETER_SPECIFIED_TWICE);
        assertThat(e.getMessage()).startsWith("Cannot bind parameter because parameter 'StandbyMachine' is specified"
                + " more than once.");
    }

    @Test
    void parameterWithoutItsArgumentNamesTheExpectedType() {
        ExhaException e = failure("Enable-StorageGroupCopy SG1 -ReplayLagTime -Force");
        assertThat(e.code()).isEqualTo(CoreErrorCode.MISSING_PARAMETER_ARGUMENT);
        assertThat(e.getMessage()).isEqualTo("Missing an argument for parameter 'ReplayLagTime'. Specify a parameter"
                + " of type 'System.TimeSpan' and try again.");
    }

    @Test
    void badTimeSpanGivesDotNetsMessage() {
        ExhaException e = failure("Enable-StorageGroupCopy SG1 -ReplayLagTime 1.2.3");
        assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_PARAMETER_VALUE);
        assertThat(e.getMessage()).isEqualTo("Cannot bind parameter 'ReplayLagTime'. Cannot convert value \"1.2.3\" to"
                + " type \"System.TimeSpan\". Error: \"String was not recognized as a valid TimeSpan.\"");
        assertThat(e.position().orElseThrow().column()).isEqualTo(44);
    }

    @Test
    void boolParameterTakesBooleansAndNumbersButNotText() {
        assertThat(bind("Set-MailboxServer X -AllowFileRestore:$TRUE").arguments().flag("AllowFileRestore")).isTrue();
        assertThat(bind("Set-MailboxServer X -AllowFileRestore $false").arguments().get("AllowFileRestore"))
                .contains(false);
        assertThat(bind("Set-MailboxServer X -AllowFileRestore 1").arguments().flag("AllowFileRestore")).isTrue();
        ExhaException e = failure("Set-MailboxServer X -AllowFileRestore true");
        assertThat(e.getMessage()).contains("parameters of this type only accept booleans or numbers, use $true,"
                + " $false, 1 or 0 instead.");
    }

    @Test
    void enumValuesAreCaseInsensitiveAndErrorsListTheNames() {
        assertThat(bind("Set-MailboxServer X -AutoDatabaseMountDial goodavailability").arguments()
                .enumValue("AutoDatabaseMountDial", TestCommands.MountDial.class))
                .contains(TestCommands.MountDial.GOOD_AVAILABILITY);
        ExhaException e = failure("Set-MailboxServer X -AutoDatabaseMountDial Fast");
        assertThat(e.getMessage()).endsWith("Unable to match the identifier name Fast to a valid enumerator name. "
                + " Specify one of the following enumerator names and try again: Lossless, GoodAvailability,"
                + " BestAvailability\"");
    }

    @Test
    void integerParametersRefuseTextAndOverflow() {
        assertThat(bind("Set-MailboxServer X -MaxLogs 50").arguments().int32("MaxLogs")).contains(50);
        assertThat(failure("Set-MailboxServer X -MaxLogs fifty").getMessage())
                .endsWith("Error: \"Input string was not in a correct format.\"");
        assertThat(failure("Set-MailboxServer X -MaxLogs 99999999999").getMessage())
                .endsWith("Error: \"Value was either too large or too small for an Int32.\"");
    }

    @Test
    void arraysBindFromCommaSeparatedValues() {
        assertThat(bind("Set-MailboxServer X -Roles Mailbox,ClientAccess").arguments().get("Roles"))
                .contains(List.of("Mailbox", "ClientAccess"));
        assertThat(bind("Set-MailboxServer X -Roles Mailbox").arguments().get("Roles")).contains(List.of("Mailbox"));
    }

    @Test
    void nullForAParameterIsRefused() {
        assertThat(failure("Enable-StorageGroupCopy $null").getMessage())
                .isEqualTo("Cannot bind argument to parameter 'Identity' because it is null.");
    }

    @Test
    void unknownVariableIsRefused() {
        ExhaException e = failure("Enable-StorageGroupCopy $sg");
        assertThat(e.code()).isEqualTo(CoreErrorCode.UNKNOWN_VARIABLE);
        assertThat(e.getMessage()).startsWith("The variable '$sg' cannot be retrieved because it has not been set.");
    }

    @Test
    void extraPositionalArgumentIsRefused() {
        ExhaException e = failure("Stop-ClusteredMailboxServer CCREX01 extra -StopReason x");
        assertThat(e.code()).isEqualTo(CoreErrorCode.POSITIONAL_PARAMETER_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("A positional parameter cannot be found that accepts argument 'extra'.");
    }

    @Test
    void whatIfAndConfirmAreAddedToShouldProcessCmdlets() {
        Arguments a = bind("Enable-StorageGroupCopy SG1 -WhatIf -Confirm:$false").arguments();
        assertThat(a.flag("WhatIf")).isTrue();
        assertThat(a.get("Confirm")).contains(false);
        assertThat(failure("Stop-ClusteredMailboxServer X -StopReason y -WhatIf").code())
                .isEqualTo(CoreErrorCode.UNKNOWN_PARAMETER);
    }

    @Test
    void switchTakesAnAttachedBooleanButNotAFollowingOne() {
        assertThat(bind("Enable-StorageGroupCopy SG1 -Force:$false").arguments().get("Force")).contains(false);
        assertThat(failure("Enable-StorageGroupCopy SG1 -Force $false").getMessage())
                .isEqualTo("A positional parameter cannot be found that accepts argument 'False'.");
    }

    @Test
    void nativeSwitchesBindCaseInsensitivelyWithValues() {
        Arguments a = bind("setup.com /RecoverCMS /CMSName:CCREX01 /CMSIPAddress:192.168.10.50").arguments();
        assertThat(a.flag("RecoverCMS")).isTrue();
        assertThat(a.string("CMSName")).contains("CCREX01");
        assertThat(a.string("CMSIPAddress")).contains("192.168.10.50");
        assertThat(bind("Setup.com /ClearLocalCMS /cn:CCREX01").arguments().string("CMSName")).contains("CCREX01");
        assertThat(bind("setup.com /upgradeCMS").arguments().flag("UpgradeCMS")).isTrue();
        assertThat(bind("setup /m:upgrade").arguments().string("Mode")).contains("upgrade");
        assertThat(bind(".\\Setup.com /mode:Upgrade").command().descriptor().name()).isEqualTo("setup.com");
        assertThat(bind("D:\\setup.exe /mode:Upgrade").command().descriptor().name()).isEqualTo("setup.com");
    }

    @Test
    void nativeCommandKeepsPositionalWordsInOrder() {
        BoundCall call = bind("cluster.exe group \"EVS2\" /moveto:Node2");
        assertThat(call.command().descriptor().name()).isEqualTo("cluster");
        assertThat(call.arguments().positionals()).containsExactly("group", "EVS2");
        assertThat(call.arguments().string("moveto")).contains("Node2");
    }

    @Test
    void nativeUnknownSwitchSuggestsTheNearest() {
        ExhaException e = failure("setup.com /RecoverCMS /CMSNme:CCREX01");
        assertThat(e.code()).isEqualTo(CoreErrorCode.UNKNOWN_PARAMETER);
        assertThat(e.getMessage()).contains("'/CMSNme'").contains("Did you mean /CMSName");
        assertThat(e.position().orElseThrow().column()).isEqualTo(23);
    }

    @Test
    void nativeValueSwitchWithoutValueAndFlagWithValueAreRefused() {
        assertThat(failure("setup.com /RecoverCMS /CMSName").code()).isEqualTo(CoreErrorCode.MISSING_PARAMETER_ARGUMENT);
        assertThat(failure("setup.com /RecoverCMS:yes").code()).isEqualTo(CoreErrorCode.INVALID_PARAMETER_VALUE);
    }
}
