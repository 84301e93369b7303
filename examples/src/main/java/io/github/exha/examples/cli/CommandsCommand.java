package io.github.exha.examples.cli;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.examples.ExamplesModule;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code exha commands [NAME]}: every runbook command with its parameters. */
@Command(name = "commands", mixinStandardHelpOptions = true,
        description = "List every command a runbook can use, with its parameters; or one command in detail.")
final class CommandsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Show only this command.")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Lab lab = ExamplesModule.createLab(new LabSpec(TopologySource.minimal("commands"), OptionalLong.empty()));
        List<io.github.exha.core.command.Command> commands = lab.commands().all();
        if (name != null) {
            var found = lab.commands().find(name);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("exha: no command is called '" + name + "'."
                        + io.github.exha.core.error.NearestNames.didYouMean(name, lab.commands().names(), ""));
                return ExhaCli.USAGE;
            }
            commands = List.of(found.get());
        }
        for (io.github.exha.core.command.Command command : commands) {
            print(command.descriptor(), out);
        }
        return ExhaCli.OK;
    }

    private static void print(CommandDescriptor d, PrintWriter out) {
        out.println(d.name() + (d.aliases().isEmpty() ? "" : " (alias " + String.join(", ", d.aliases()) + ")")
                + (d.requiresHost() ? "  [runs on the session host]" : ""));
        out.println("    " + d.synopsis());
        for (ParameterDescriptor p : d.parameters()) {
            out.println("    " + usage(d, p) + "  " + p.help());
        }
        out.println();
    }

    private static String usage(CommandDescriptor d, ParameterDescriptor p) {
        String mark = d.syntax() == CommandSyntax.NATIVE ? "/" : "-";
        String name = p.position() == ParameterDescriptor.NAMED ? mark + p.name() : "[" + mark + p.name() + "]";
        String value = p.type().isSwitch() ? "" : (d.syntax() == CommandSyntax.NATIVE ? ":" : " ") + "<"
                + typeLabel(p.type()) + ">";
        String text = name + value;
        if (!p.aliases().isEmpty()) {
            text += " (alias " + mark + String.join(", " + mark, p.aliases()) + ")";
        }
        return p.mandatory() ? text + " (required)" : text;
    }

    private static String typeLabel(ParameterType type) {
        if (type.kind() == ParameterType.Kind.ENUM) {
            return String.join(" | ", type.enumNames());
        }
        return type.typeName();
    }
}
