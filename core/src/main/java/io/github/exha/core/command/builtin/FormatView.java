package io.github.exha.core.command.builtin;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Format-List} ({@code fl}) and {@code Format-Table} ({@code ft}): show piped objects as a list or a table,
 * optionally only some properties ({@code fl Name,State}; {@code *} for all). JSON output keeps the selected
 * properties.
 */
public final class FormatView implements Command {
    private final PsObject.View view;
    private final CommandDescriptor descriptor;

    private FormatView(PsObject.View view, CommandDescriptor descriptor) {
        this.view = view;
        this.descriptor = descriptor;
    }

    /** {@code Format-List}, alias {@code fl}. */
    public static FormatView list() {
        return new FormatView(PsObject.View.LIST, descriptor("Format-List", "fl", "Show piped objects as lists of properties.",
                List.of()));
    }

    /** {@code Format-Table}, alias {@code ft}. */
    public static FormatView table() {
        return new FormatView(PsObject.View.TABLE, descriptor("Format-Table", "ft", "Show piped objects as a table.",
                List.of(ParameterDescriptor.named("AutoSize", ParameterType.switchParameter(),
                        "Size columns to their content (exha's tables always are)."))));
    }

    private static CommandDescriptor descriptor(String name, String alias, String synopsis,
            List<ParameterDescriptor> extra) {
        List<ParameterDescriptor> parameters = new ArrayList<>();
        parameters.add(ParameterDescriptor.named("Property", ParameterType.arrayOf(ParameterType.string()),
                "Properties to show; * for all.").at(0));
        // Any object binds; text is what a non-object input shows as.
        parameters.add(ParameterDescriptor.named("InputObject", new ParameterType(ParameterType.Kind.STRING,
                "System.Management.Automation.PSObject", null, null), "The object to format.").fromPipeline());
        parameters.addAll(extra);
        return new CommandDescriptor(name, List.of(alias), CommandSyntax.CMDLET, synopsis, parameters, false,
                ConfirmImpact.NONE, false);
    }

    @Override
    public CommandDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Object input = context.pipelineInput().orElse(null);
        if (input == null) {
            return;
        }
        if (!(input instanceof PsObject object)) {
            context.write(input);
            return;
        }
        List<String> wanted = arguments.get("Property").map(p -> ((List<?>) p).stream().map(Object::toString).toList())
                .orElse(List.of());
        PsObject shown = object;
        if (!wanted.isEmpty() && !wanted.contains("*")) {
            PsObject.Builder b = PsObject.builder(object.typeName()).view(view);
            for (String name : wanted) {
                for (PsObject.Property p : object.properties()) {
                    if (matches(p.name(), name)) {
                        b.add(p.name(), p.value());
                    }
                }
            }
            shown = b.build();
        } else if (wanted.contains("*") && view == PsObject.View.TABLE) {
            shown = new PsObject(object.typeName(), object.properties(), List.of(), view);
        }
        context.write(shown.withView(view));
    }

    /** PowerShell property names accept wildcards: {@code Last*}. */
    private static boolean matches(String property, String pattern) {
        String regex = java.util.regex.Pattern.quote(pattern.toLowerCase(java.util.Locale.ROOT)).replace("*", "\\E.*\\Q");
        return property.toLowerCase(java.util.Locale.ROOT).matches(regex);
    }
}
