package io.github.exha.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command is called, how its arguments are written and which parameters it takes. The binder checks a
 * runbook against descriptors before anything runs, so a typo fails the whole runbook up front.
 *
 * @param name the canonical name ({@code Move-ClusteredMailboxServer}, {@code setup.com})
 * @param aliases other names that invoke it ({@code setup}, {@code fl}); matching is case-insensitive
 * @param syntax cmdlet or native-program argument syntax
 * @param synopsis one line for {@code exha commands}
 * @param parameters the parameters, in declaration order
 * @param supportsShouldProcess whether it takes {@code -WhatIf} and {@code -Confirm}
 * @param confirmImpact whether it asks for confirmation by default
 * @param requiresHost whether it runs on a host chosen with {@code Enter-PSSession} (native programs do)
 */
public record CommandDescriptor(String name, List<String> aliases, CommandSyntax syntax, String synopsis,
        List<ParameterDescriptor> parameters, boolean supportsShouldProcess, ConfirmImpact confirmImpact,
        boolean requiresHost) {

    /** The -WhatIf common parameter added to ShouldProcess cmdlets. */
    public static final String WHAT_IF = "WhatIf";
    /** The -Confirm common parameter added to ShouldProcess cmdlets. */
    public static final String CONFIRM = "Confirm";

    public CommandDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(synopsis, "synopsis");
        Objects.requireNonNull(confirmImpact, "confirmImpact");
        aliases = List.copyOf(aliases);
        List<ParameterDescriptor> all = new ArrayList<>(parameters);
        if (supportsShouldProcess && syntax == CommandSyntax.CMDLET
                && all.stream().noneMatch(p -> p.isCalled(WHAT_IF))) {
            all.add(ParameterDescriptor.named(WHAT_IF, ParameterType.switchParameter(),
                    "Show what the command would change without changing anything.").alias("wi"));
            all.add(ParameterDescriptor.named(CONFIRM, ParameterType.switchParameter(),
                    "Ask for confirmation; -Confirm:$false suppresses the prompt.").alias("cf"));
        }
        parameters = List.copyOf(all);
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = i + 1; j < parameters.size(); j++) {
                ParameterDescriptor a = parameters.get(i);
                ParameterDescriptor b = parameters.get(j);
                if (b.isCalled(a.name()) || a.aliases().stream().anyMatch(b::isCalled)) {
                    throw new IllegalArgumentException(name + ": parameters " + a.name() + " and " + b.name() + " clash");
                }
                if (a.position() != ParameterDescriptor.NAMED && a.position() == b.position()) {
                    throw new IllegalArgumentException(name + ": two parameters at position " + a.position());
                }
            }
        }
    }

    /** A cmdlet without ShouldProcess support. */
    public static CommandDescriptor cmdlet(String name, String synopsis, List<ParameterDescriptor> parameters) {
        return new CommandDescriptor(name, List.of(), CommandSyntax.CMDLET, synopsis, parameters, false,
                ConfirmImpact.NONE, false);
    }

    /** The parameter with this exact name or alias, if any. */
    public Optional<ParameterDescriptor> parameter(String nameOrAlias) {
        return parameters.stream().filter(p -> p.isCalled(nameOrAlias)).findFirst();
    }

    /** Whether {@code candidate} names this command (case-insensitive, aliases included). */
    public boolean isCalled(String candidate) {
        return name.equalsIgnoreCase(candidate) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(candidate));
    }
}
