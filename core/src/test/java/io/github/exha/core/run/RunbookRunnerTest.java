package io.github.exha.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import io.github.exha.core.CoreModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.OutputFormatter;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.runbook.RunbookParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunbookRunnerTest {
    /** A tiny world: databases that can be listed, dismounted (High impact) and changed through the pipe. */
    static final class World {
        final List<String> dismounted = new ArrayList<>();
        final List<String> restorable = new ArrayList<>();
        final List<String> moved = new ArrayList<>();
    }

    static final class WorldModule extends AbstractModule {
        final World world = new World();

        @Override
        protected void configure() {
            CoreModule.commands(binder()).addBinding().toInstance(new Command() {
                @Override
                public CommandDescriptor descriptor() {
                    return CommandDescriptor.cmdlet("Get-MailboxDatabase", "List databases.", List.of(
                            ParameterDescriptor.named("Server", ParameterType.string(), "server")));
                }

                @Override
                public void invoke(CommandContext context, Arguments arguments) {
                    String server = arguments.string("Server").orElse("EXCHANGE-DR");
                    for (String db : List.of("SG1\\DB1", "SG2\\DB2")) {
                        context.write(PsObject.builder("MailboxDatabase").add("Name", db.substring(4))
                                .add("Identity", server + "\\" + db).add("Mounted", true)
                                .tableColumns("Name", "Mounted").build());
                    }
                }
            });
            CoreModule.commands(binder()).addBinding().toInstance(new Command() {
                @Override
                public CommandDescriptor descriptor() {
                    return CommandDescriptor.cmdlet("Set-MailboxDatabase", "Change a database.", List.of(
                            ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"), "db")
                                    .required().at(0).fromPipeline(),
                            ParameterDescriptor.named("AllowFileRestore", ParameterType.bool(), "overwrite")));
                }

                @Override
                public void invoke(CommandContext context, Arguments arguments) {
                    if (arguments.flag("AllowFileRestore")) {
                        world.restorable.add(arguments.identity("Identity").orElseThrow().text());
                    }
                }
            });
            CoreModule.commands(binder()).addBinding().toInstance(new Command() {
                @Override
                public CommandDescriptor descriptor() {
                    return new CommandDescriptor("Move-ClusteredMailboxServer", List.of(), CommandSyntax.CMDLET,
                            "Move a CMS.", List.of(
                                    ParameterDescriptor.named("Identity", ParameterType.string(), "cms").required()
                                            .at(0),
                                    ParameterDescriptor.named("TargetMachine", ParameterType.string(), "node")
                                            .required(),
                                    ParameterDescriptor.named("MoveComment", ParameterType.string(), "comment")),
                            true, ConfirmImpact.HIGH, false);
                }

                @Override
                public void invoke(CommandContext context, Arguments arguments) {
                    String cms = arguments.string("Identity").orElseThrow();
                    String node = arguments.string("TargetMachine").orElseThrow();
                    if (context.shouldProcess(cms, "Move-ClusteredMailboxServer", "Moving clustered mailbox server \""
                            + cms + "\" to target node \"" + node + "\" with move comment \""
                            + arguments.string("MoveComment").orElse("") + "\".")) {
                        world.moved.add(cms + "->" + node);
                    }
                }
            });
            // Writes a line, then fails: what it wrote stays in the failed step's output.
            CoreModule.commands(binder()).addBinding().toInstance(new Command() {
                @Override
                public CommandDescriptor descriptor() {
                    return CommandDescriptor.cmdlet("Copy-Partly", "Copy one item, then fail.", List.of());
                }

                @Override
                public void invoke(CommandContext context, Arguments arguments) {
                    context.write("copied the first item");
                    throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "The second item cannot be copied.");
                }
            });
            CoreModule.reportSections(binder()).addBinding().toInstance(new ReportSection() {
                @Override
                public String name() {
                    return "dismounts";
                }

                @Override
                public Object content() {
                    return List.copyOf(world.dismounted);
                }

                @Override
                public List<String> summary() {
                    return List.of(world.dismounted.size() + " databases dismounted");
                }
            });
            CoreModule.commands(binder()).addBinding().toInstance(new Command() {
                @Override
                public CommandDescriptor descriptor() {
                    return new CommandDescriptor("Dismount-Database", List.of(), CommandSyntax.CMDLET, "Dismount.",
                            List.of(ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"),
                                    "db").required().at(0).fromPipeline()), true, ConfirmImpact.HIGH, false);
                }

                @Override
                public void invoke(CommandContext context, Arguments arguments) {
                    String id = arguments.identity("Identity").orElseThrow().text();
                    if (context.shouldProcess(id, "Dismount-Database")) {
                        context.sleep(Duration.ofSeconds(2));
                        world.dismounted.add(id);
                    }
                }
            });
        }
    }

    private final WorldModule module = new WorldModule();
    private final Lab lab = Lab.create(LabSpec.of(TopologySource.minimal("runner")), module);

    private RunReport run(String text, RunOptions options) {
        return lab.run(RunbookParser.parse("r.ps1", text), options);
    }

    @Test
    void aModulesReportSectionIsInTheReportAfterTheSteps() {
        RunReport report = run("Dismount-Database 'EX1\\SG1\\DB1' -Confirm:$false", RunOptions.defaults());
        assertThat(report.reports()).containsEntry("dismounts", List.of("EX1\\SG1\\DB1"));
        assertThat(report.summaries()).containsExactly("1 databases dismounted");
    }

    @Test
    void aFailedStepKeepsWhatItsCommandWroteBeforeFailing() {
        RunReport report = run("Copy-Partly", RunOptions.defaults());
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.steps().get(0).output()).containsExactly("copied the first item");
        assertThat(report.steps().get(0).error().message()).isEqualTo("The second item cannot be copied.");
    }

    @Test
    void pipelineBindsEachObjectsIdentity() {
        RunReport report = run("Get-MailboxDatabase –server Exchange-DR | Set-MailboxDatabase –allowfilerestore:$TRUE",
                RunOptions.defaults());
        assertThat(report.exitCode()).isZero();
        assertThat(module.world.restorable).containsExactly("Exchange-DR\\SG1\\DB1", "Exchange-DR\\SG2\\DB2");
        assertThat(report.steps().get(0).output()).isEmpty();
    }

    @Test
    void highImpactCommandPromptsAndTheRunbookAnswersYes() {
        RunReport report = run("Dismount-Database “CCREX01\\First Storage Group\\Mailbox Database”", RunOptions.defaults());
        assertThat(module.world.dismounted).containsExactly("CCREX01\\First Storage Group\\Mailbox Database");
        assertThat(report.steps().get(0).output()).singleElement().asString()
                .startsWith("Confirm\nAre you sure you want to perform this action?\nPerforming operation"
                        + " \"Dismount-Database\" on Target \"CCREX01\\First Storage Group\\Mailbox Database\".")
                .endsWith("(default is \"Y\"): Y");
        assertThat(lab.journal().entries()).anyMatch(e -> e.name().equals("confirm.prompt")
                && e.attributes().get("answer").equals("Y"));
    }

    @Test
    void confirmFalseSuppressesThePrompt() {
        RunReport report = run("Dismount-Database X\\SG\\DB –Confirm:$false", RunOptions.defaults());
        assertThat(report.steps().get(0).output()).isEmpty();
        assertThat(module.world.dismounted).containsExactly("X\\SG\\DB");
    }

    @Test
    void declinedConfirmationChangesNothing() {
        RunReport report = run("Dismount-Database X\\SG\\DB", new RunOptions(false, ConfirmPolicy.DECLINE));
        assertThat(report.exitCode()).isZero();
        assertThat(module.world.dismounted).isEmpty();
        assertThat(report.steps().get(0).output().get(0).toString()).endsWith(": N");
    }

    @Test
    void whatIfDescribesTheChangeAndChangesNothing() {
        RunReport report = run("Get-MailboxDatabase | Dismount-Database -WhatIf", RunOptions.defaults());
        assertThat(module.world.dismounted).isEmpty();
        assertThat(report.steps().get(0).output()).containsExactly(
                "What if: Performing operation \"Dismount-Database\" on Target \"EXCHANGE-DR\\SG1\\DB1\".",
                "What if: Performing operation \"Dismount-Database\" on Target \"EXCHANGE-DR\\SG2\\DB2\".");
        assertThat(report.steps().get(0).end()).isEqualTo(report.steps().get(0).start());
    }

    @Test
    void confirmationShowsTheCmdletsOwnSentence() {
        RunReport report = run("Move-ClusteredMailboxServer exchcms -TargetMachine exchmailbox2 -MoveComment Testing",
                RunOptions.defaults());
        assertThat(module.world.moved).containsExactly("exchcms->exchmailbox2");
        assertThat(report.steps().get(0).output()).containsExactly("Confirm\nAre you sure you want to perform this "
                + "action?\nMoving clustered mailbox server \"exchcms\" to target node \"exchmailbox2\" with move "
                + "comment \"Testing\".\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help "
                + "(default is \"Y\"): Y");
        assertThat(lab.journal().entries()).anyMatch(e -> e.name().equals("confirm.prompt")
                && e.attributes().get("target").equals("exchcms")
                && e.attributes().get("action").equals("Move-ClusteredMailboxServer")
                && e.attributes().get("description").startsWith("Moving clustered mailbox server \"exchcms\"")
                && e.attributes().get("answer").equals("Y"));
    }

    @Test
    void whatIfWritesTheCmdletsOwnSentence() {
        RunReport report = run("Move-ClusteredMailboxServer exchcms -TargetMachine exchmailbox2 -MoveComment Testing"
                + " -WhatIf", RunOptions.defaults());
        assertThat(module.world.moved).isEmpty();
        assertThat(report.steps().get(0).output()).containsExactly("What if: Moving clustered mailbox server "
                + "\"exchcms\" to target node \"exchmailbox2\" with move comment \"Testing\".");
        assertThat(lab.journal().entries()).noneMatch(e -> e.name().equals("confirm.prompt"));
    }

    @Test
    void declinedOwnSentenceConfirmationChangesNothing() {
        RunReport report = run("Move-ClusteredMailboxServer exchcms -TargetMachine exchmailbox2",
                new RunOptions(false, ConfirmPolicy.DECLINE));
        assertThat(report.exitCode()).isZero();
        assertThat(module.world.moved).isEmpty();
        assertThat(report.steps().get(0).output().get(0).toString())
                .contains("\nMoving clustered mailbox server \"exchcms\" to target node \"exchmailbox2\" with move "
                        + "comment \"\".\n")
                .endsWith(": N");
    }

    @Test
    void ownSentenceConfirmationIsSkippedWithConfirmFalse() {
        RunReport report = run("Move-ClusteredMailboxServer exchcms -TargetMachine exchmailbox2 -Confirm:$false",
                RunOptions.defaults());
        assertThat(report.steps().get(0).output()).isEmpty();
        assertThat(module.world.moved).containsExactly("exchcms->exchmailbox2");
    }

    @Test
    void aContextWithoutTheOverloadFallsBackToTheGenericSentence() {
        List<String> asked = new ArrayList<>();
        CommandContext twoArgumentsOnly = (CommandContext) java.lang.reflect.Proxy.newProxyInstance(
                CommandContext.class.getClassLoader(), new Class<?>[] {CommandContext.class}, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    asked.add(method.getName() + " " + args[0] + " " + args[1]);
                    return true;
                });
        assertThat(twoArgumentsOnly.shouldProcess("exchcms", "Move-ClusteredMailboxServer", "Moving ...")).isTrue();
        assertThat(asked).containsExactly("shouldProcess exchcms Move-ClusteredMailboxServer");
    }

    @Test
    void stepsRecordVirtualTimeAndHost() {
        RunReport report = run("Enter-PSSession -ComputerName NH-W2K3-SRV03\nDismount-Database a\\b\\c -Confirm:$false\n"
                + "Exit-PSSession\nStart-Sleep -Milliseconds 1500", RunOptions.defaults());
        List<StepResult> steps = report.steps();
        assertThat(steps.get(0).host()).isNull();
        assertThat(steps.get(1).host()).isEqualTo("NH-W2K3-SRV03");
        assertThat(Duration.between(steps.get(1).start(), steps.get(1).end())).isEqualTo(Duration.ofSeconds(2));
        assertThat(steps.get(2).host()).isEqualTo("NH-W2K3-SRV03");
        assertThat(steps.get(3).host()).isNull();
        assertThat(Duration.between(steps.get(3).start(), steps.get(3).end())).isEqualTo(Duration.ofMillis(1500));
        assertThat(lab.journal().entries()).filteredOn(e -> e.type() == JournalEntry.Type.COMMAND)
                .extracting(JournalEntry::name)
                .containsExactly("step.start", "session.enter", "step.end", "step.start", "step.end", "step.start",
                        "session.exit", "step.end", "step.start", "step.end");
    }

    @Test
    void formatListShowsObjectsAsLists() {
        RunReport report = run("Get-MailboxDatabase | fl Name,Mount*", RunOptions.defaults());
        assertThat(OutputFormatter.render(report.steps().get(0).output())).isEqualTo("""

                Name    : DB1
                Mounted : True


                Name    : DB2
                Mounted : True

                """);
    }

    @Test
    void formatTableShowsDefaultColumns() {
        RunReport report = run("Get-MailboxDatabase", RunOptions.defaults());
        assertThat(OutputFormatter.render(report.steps().get(0).output())).isEqualTo("""

                Name Mounted
                ---- -------
                DB1  True
                DB2  True

                """);
    }

    @Test
    void commandNotTakingPipelineInputFailsWhenObjectsArrive() {
        RunReport report = run("Get-MailboxDatabase | Start-Sleep 1", RunOptions.defaults());
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.steps().get(0).error().code()).isEqualTo(CoreErrorCode.PIPELINE_INPUT_NOT_ACCEPTED.id());
    }

    @Test
    void bindingErrorsStopTheRunBeforeAnythingRuns() {
        assertThatThrownBy(() -> run("Dismount-Database a\\b\\c -Confirm:$false\nStart-Sleep -Secnds 5",
                RunOptions.defaults()))
                .isInstanceOf(ExhaException.class)
                .satisfies(e -> assertThat(((ExhaException) e).describe()).startsWith("r.ps1:2:13: A parameter cannot"
                        + " be found that matches parameter name 'Secnds'."));
        assertThat(module.world.dismounted).isEmpty();
    }

    @Test
    void startSleepRefusesBothOrNegativeValuesAtBindTime() {
        assertThatThrownBy(() -> run("Start-Sleep -Seconds 1 -Milliseconds 5", RunOptions.defaults()))
                .hasMessage("Parameter set cannot be resolved using the specified named parameters.");
        assertThatThrownBy(() -> run("Start-Sleep -Seconds -1", RunOptions.defaults()))
                .hasMessageStartingWith("Cannot validate argument on parameter 'Seconds'. The -1 argument is less than"
                        + " the minimum allowed range of 0.");
        assertThatThrownBy(() -> run("Start-Sleep", RunOptions.defaults()))
                .hasMessage("Cannot process command because of one or more missing mandatory parameters: Seconds.");
    }

    @Test
    void startSleepRefusesMoreSecondsThanPowerShellAllowsAtBindTime() {
        assertThatThrownBy(() -> run("Start-Sleep -Seconds 2147484", RunOptions.defaults()))
                .hasMessageStartingWith("Cannot validate argument on parameter 'Seconds'. The 2147484 argument is"
                        + " greater than the maximum allowed range of 2147483.");
        assertThat(lab.clock().instant()).isEqualTo(java.time.Instant.parse("2008-03-01T00:00:00Z"));
    }

    @Test
    void eventsScheduledInTheWorldRunDuringStartSleep() {
        List<String> fired = new ArrayList<>();
        lab.scheduler().schedule(Duration.ofSeconds(30), () -> fired.add("at " + lab.clock().instant()));
        run("Start-Sleep 29", RunOptions.defaults());
        assertThat(fired).isEmpty();
        run("Start-Sleep 1", RunOptions.defaults());
        assertThat(fired).containsExactly("at 2008-03-01T00:00:30Z");
    }

    @Test
    void labRefusesCallsFromAnotherThread() throws InterruptedException {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                lab.run(RunbookParser.parse("r.ps1", "Start-Sleep 1"), RunOptions.defaults());
            } catch (Throwable t) {
                seen.set(t);
            }
        }, "intruder");
        other.start();
        other.join();
        assertThat(seen.get()).isInstanceOf(ExhaException.class);
        assertThat(((ExhaException) seen.get()).code()).isEqualTo(CoreErrorCode.WRONG_THREAD);
        assertThat(seen.get().getMessage()).contains("intruder");
    }
}
