package io.github.exha.core.command;

import static io.github.exha.core.error.CoreErrorCode.AMBIGUOUS_PARAMETER;
import static io.github.exha.core.error.CoreErrorCode.INVALID_PARAMETER_VALUE;
import static io.github.exha.core.error.CoreErrorCode.MISSING_MANDATORY_PARAMETERS;
import static io.github.exha.core.error.CoreErrorCode.MISSING_PARAMETER_ARGUMENT;
import static io.github.exha.core.error.CoreErrorCode.PARAMETER_SPECIFIED_TWICE;
import static io.github.exha.core.error.CoreErrorCode.PIPELINE_INPUT_NOT_ACCEPTED;
import static io.github.exha.core.error.CoreErrorCode.POSITIONAL_PARAMETER_NOT_FOUND;
import static io.github.exha.core.error.CoreErrorCode.UNKNOWN_COMMAND;
import static io.github.exha.core.error.CoreErrorCode.UNKNOWN_PARAMETER;
import static io.github.exha.core.error.CoreErrorCode.UNKNOWN_VARIABLE;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import io.github.exha.core.error.SourcePosition;
import io.github.exha.core.runbook.ArgumentElement;
import io.github.exha.core.runbook.CommandCall;
import io.github.exha.core.runbook.CommandElement;
import io.github.exha.core.runbook.ParameterElement;
import io.github.exha.core.runbook.Runbook;
import io.github.exha.core.runbook.SlashSwitchElement;
import io.github.exha.core.runbook.Statement;
import io.github.exha.core.runbook.Value;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a runbook's commands and binds their arguments with PowerShell's rules and messages, before anything
 * runs: names and aliases case-insensitively, unique prefixes of parameter names, {@code -Name value} and
 * {@code -Name:value}, switches, positional parameters by position, {@code $true}/{@code $false}/{@code $null};
 * and for native programs {@code /Switch} and {@code /Switch:value}. Pipeline input is bound per object at run time
 * by {@link #bindPipelineInput}.
 */
public final class CommandBinder {
    /** Marks {@code $null} during binding; never stored in {@link Arguments}. */
    private static final Object NULL = new Object();

    private final CommandCatalog catalog;

    /** A binder over the lab's commands. */
    @Inject
    public CommandBinder(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    /** Binds every statement; the first error stops and is thrown with its position. */
    public List<BoundStatement> bind(Runbook runbook) {
        List<BoundStatement> out = new ArrayList<>();
        for (Statement statement : runbook.statements()) {
            out.add(bind(statement));
        }
        return out;
    }

    /** Binds one statement. */
    public BoundStatement bind(Statement statement) {
        List<BoundCall> calls = new ArrayList<>();
        for (int i = 0; i < statement.pipeline().size(); i++) {
            calls.add(bind(statement.pipeline().get(i), i > 0));
        }
        return new BoundStatement(statement, calls);
    }

    /**
     * Binds one command.
     *
     * @param fedByPipe whether a pipe feeds it, so its pipeline parameter may stay unbound until run time
     */
    public BoundCall bind(CommandCall call, boolean fedByPipe) {
        Command command = catalog.find(call.name()).orElseThrow(() -> new ExhaException(UNKNOWN_COMMAND,
                "The term '" + call.name() + "' is not recognized as the name of a cmdlet, function, script file, or"
                        + " operable program. Check the spelling of the name, or if a path was included, verify that"
                        + " the path is correct and try again." + NearestNames.didYouMean(call.name(), catalog.names(), ""),
                call.position()));
        CommandDescriptor d = command.descriptor();
        Arguments arguments = switch (d.syntax()) {
            case CMDLET -> bindCmdlet(call, d);
            case NATIVE -> bindNative(call, d);
        };
        Optional<ParameterDescriptor> pipelineParameter = Optional.empty();
        if (fedByPipe) {
            pipelineParameter = d.parameters().stream()
                    .filter(p -> p.valueFromPipeline() && !arguments.has(p.name())).findFirst();
        }
        requireMandatory(call.position(), d, arguments, pipelineParameter);
        try {
            command.validate(arguments);
        } catch (IllegalArgumentException e) {
            throw new ExhaException(INVALID_PARAMETER_VALUE, e.getMessage(), call.position());
        }
        return new BoundCall(call, command, arguments, pipelineParameter);
    }

    /**
     * Binds one pipeline input object to the call's pipeline parameter.
     *
     * @throws ExhaException {@code core.pipeline-input-not-accepted} when the command takes no pipeline input
     */
    public Arguments bindPipelineInput(BoundCall call, Object input) {
        ParameterDescriptor parameter = call.pipelineParameter().orElseThrow(() -> new ExhaException(
                PIPELINE_INPUT_NOT_ACCEPTED, "The input object cannot be bound to any parameters for the command"
                        + " either because the command does not take pipeline input or the input and its properties"
                        + " do not match any of the parameters that take pipeline input.", call.call().position()));
        try {
            return call.arguments().with(parameter.name(), parameter.type().convert(input));
        } catch (IllegalArgumentException e) {
            throw new ExhaException(INVALID_PARAMETER_VALUE, "Cannot bind parameter '" + parameter.name() + "'. "
                    + e.getMessage(), call.call().position());
        }
    }

    private Arguments bindCmdlet(CommandCall call, CommandDescriptor d) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Value> positionals = new ArrayList<>();
        List<CommandElement> elements = call.elements();
        for (int i = 0; i < elements.size(); i++) {
            CommandElement element = elements.get(i);
            if (element instanceof ParameterElement p) {
                ParameterDescriptor parameter = resolveCmdletParameter(d, p);
                GivenValue given = valueFor(p, parameter, elements, i, CommandSyntax.CMDLET);
                put(values, parameter, given.raw(), p.position(), given.at());
                i += given.used();
            } else {
                positionals.add(valueOf(element));
            }
        }
        List<ParameterDescriptor> byPosition = d.parameters().stream()
                .filter(p -> p.position() != ParameterDescriptor.NAMED)
                .sorted(Comparator.comparingInt(ParameterDescriptor::position)).toList();
        int next = 0;
        for (Value value : positionals) {
            while (next < byPosition.size() && values.containsKey(byPosition.get(next).name())) {
                next++;
            }
            if (next >= byPosition.size()) {
                throw new ExhaException(POSITIONAL_PARAMETER_NOT_FOUND, "A positional parameter cannot be found that"
                        + " accepts argument '" + display(resolve(value)) + "'.", value.position());
            }
            put(values, byPosition.get(next), resolve(value), value.position(), value.position());
            next++;
        }
        return new Arguments(values, List.of(), List.of());
    }

    private Arguments bindNative(CommandCall call, CommandDescriptor d) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<CommandElement> elements = call.elements();
        for (int i = 0; i < elements.size(); i++) {
            CommandElement element = elements.get(i);
            if (element instanceof ArgumentElement a && a.value() instanceof Value.ArrayLiteral array
                    && !array.elements().isEmpty() && array.elements().get(0) instanceof Value.Literal first
                    && !first.quoted() && first.text().startsWith("/") && first.text().length() > 1) {
                // cmd.exe has no arrays: /ipaddr:10.0.0.5,255.0.0.0 or /GRANT:X$,FULL is one switch with its value.
                String text = display(resolve(a.value()));
                int colon = text.indexOf(':');
                element = new SlashSwitchElement(colon < 0 ? text.substring(1) : text.substring(1, colon),
                        colon < 0 ? null : text.substring(colon + 1), text, first.position());
            }
            if (element instanceof SlashSwitchElement s) {
                words.add(s.rawText());
                ParameterDescriptor parameter = resolveNativeSwitch(d, s.name(), "/", s.position());
                Object raw;
                if (parameter.type().isSwitch()) {
                    if (s.valueText().isPresent()) {
                        throw new ExhaException(INVALID_PARAMETER_VALUE, "The switch '/" + parameter.name()
                                + "' does not take a value; write it alone: /" + parameter.name(), s.position());
                    }
                    raw = Boolean.TRUE;
                } else {
                    raw = s.valueText().filter(v -> !v.isEmpty()).orElseThrow(() -> new ExhaException(
                            MISSING_PARAMETER_ARGUMENT, "The switch '/" + parameter.name() + "' needs a value: write /"
                                    + parameter.name() + ":<value>", s.position()));
                }
                if (parameter.type().isArray() && values.containsKey(parameter.name())) {
                    // Native programs take a list switch repeatedly: net share /GRANT:a,FULL /GRANT:b,READ.
                    List<Object> all = new ArrayList<>((List<?>) values.remove(parameter.name()));
                    all.add(raw);
                    raw = all;
                }
                put(values, parameter, raw, s.position(), s.position());
            } else if (element instanceof ParameterElement p) {
                ParameterDescriptor parameter = resolveNativeSwitch(d, p.name(), "-", p.position());
                GivenValue given = valueFor(p, parameter, elements, i, CommandSyntax.NATIVE);
                put(values, parameter, given.raw(), p.position(), given.at());
                words.add(p.rawText());
                if (given.used() > 0) {
                    words.add(display(given.raw()));
                }
                i += given.used();
            } else if (element instanceof ArgumentElement a) {
                positionals.add(display(resolve(a.value())));
                words.add(positionals.get(positionals.size() - 1));
            }
        }
        return new Arguments(values, positionals, words);
    }

    /** The value a parameter token gives, where it is, and how many following elements it used (0 or 1). */
    private record GivenValue(Object raw, SourcePosition at, int used) {
    }

    /**
     * {@code -Name:value}, a switch, or {@code -Name value}. A cmdlet takes any following non-parameter as the value
     * (PowerShell binds by the parameter's type); a native program takes only a plain argument.
     */
    private static GivenValue valueFor(ParameterElement p, ParameterDescriptor parameter, List<CommandElement> elements,
            int i, CommandSyntax syntax) {
        if (p.attached().isPresent()) {
            return new GivenValue(resolve(p.attached().get()), p.attached().get().position(), 0);
        }
        if (parameter.type().isSwitch()) {
            return new GivenValue(Boolean.TRUE, p.position(), 0);
        }
        CommandElement next = i + 1 < elements.size() ? elements.get(i + 1) : null;
        boolean usable = switch (syntax) {
            case CMDLET -> next != null && !(next instanceof ParameterElement);
            case NATIVE -> next instanceof ArgumentElement;
        };
        if (usable) {
            return new GivenValue(resolve(valueOf(next)), next.position(), 1);
        }
        throw switch (syntax) {
            case CMDLET -> new ExhaException(MISSING_PARAMETER_ARGUMENT, "Missing an argument for parameter '"
                    + parameter.name() + "'. Specify a parameter of type '" + parameter.type().typeName()
                    + "' and try again.", p.position());
            case NATIVE -> new ExhaException(MISSING_PARAMETER_ARGUMENT, "The option '-" + p.name()
                    + "' needs a value.", p.position());
        };
    }

    private ParameterDescriptor resolveCmdletParameter(CommandDescriptor d, ParameterElement p) {
        Optional<ParameterDescriptor> exact = d.parameter(p.name());
        if (exact.isPresent()) {
            return exact.get();
        }
        String typed = p.name().toLowerCase(Locale.ROOT);
        List<ParameterDescriptor> prefixed = new ArrayList<>();
        for (ParameterDescriptor candidate : d.parameters()) {
            boolean matches = candidate.name().toLowerCase(Locale.ROOT).startsWith(typed)
                    || candidate.aliases().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith(typed));
            if (matches) {
                prefixed.add(candidate);
            }
        }
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            StringBuilder names = new StringBuilder();
            for (ParameterDescriptor candidate : prefixed) {
                names.append(" -").append(candidate.name());
            }
            throw new ExhaException(AMBIGUOUS_PARAMETER, "Parameter cannot be processed because the parameter name '"
                    + p.name() + "' is ambiguous. Possible matches include:" + names + ".", p.position());
        }
        throw new ExhaException(UNKNOWN_PARAMETER, "A parameter cannot be found that matches parameter name '"
                + p.name() + "'." + NearestNames.didYouMean(p.name(), parameterNames(d), "-"), p.position());
    }

    private ParameterDescriptor resolveNativeSwitch(CommandDescriptor d, String name, String mark, SourcePosition at) {
        return d.parameter(name).orElseThrow(() -> new ExhaException(UNKNOWN_PARAMETER, d.name()
                + " does not recognise the option '" + mark + name + "'." + NearestNames.didYouMean(name,
                        parameterNames(d), mark) + " Run 'exha commands " + d.name() + "' for its options.", at));
    }

    private static List<String> parameterNames(CommandDescriptor d) {
        List<String> names = new ArrayList<>();
        for (ParameterDescriptor p : d.parameters()) {
            names.add(p.name());
        }
        return names;
    }

    /** Binds one value; a repeated parameter is reported at the parameter, a bad value at the value. */
    private static void put(Map<String, Object> values, ParameterDescriptor parameter, Object raw, SourcePosition at,
            SourcePosition valueAt) {
        if (values.containsKey(parameter.name())) {
            throw new ExhaException(PARAMETER_SPECIFIED_TWICE, "Cannot bind parameter because parameter '"
                    + parameter.name() + "' is specified more than once. To provide multiple values to parameters that"
                    + " can accept multiple values, use the array syntax. For example, \"-parameter"
                    + " value1,value2,value3\".", at);
        }
        if (raw == NULL || (raw instanceof List<?> list && list.contains(NULL))) {
            throw new ExhaException(INVALID_PARAMETER_VALUE, "Cannot bind argument to parameter '" + parameter.name()
                    + "' because it is null.", valueAt);
        }
        try {
            values.put(parameter.name(), parameter.type().convert(raw));
        } catch (IllegalArgumentException e) {
            throw new ExhaException(INVALID_PARAMETER_VALUE, "Cannot bind parameter '" + parameter.name() + "'. "
                    + e.getMessage(), valueAt);
        }
    }

    private static void requireMandatory(SourcePosition at, CommandDescriptor d, Arguments arguments,
            Optional<ParameterDescriptor> pipelineParameter) {
        List<String> missing = new ArrayList<>();
        for (ParameterDescriptor p : d.parameters()) {
            boolean fromPipe = pipelineParameter.isPresent() && pipelineParameter.get() == p;
            if (p.mandatory() && !arguments.has(p.name()) && !fromPipe) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new ExhaException(MISSING_MANDATORY_PARAMETERS, "Cannot process command because of one or more"
                    + " missing mandatory parameters: " + String.join(" ", missing) + ".", at);
        }
    }

    private static Value valueOf(CommandElement element) {
        if (element instanceof ArgumentElement a) {
            return a.value();
        }
        if (element instanceof SlashSwitchElement s) {
            // A cmdlet receives "/x" as an ordinary word.
            return new Value.Literal(s.rawText(), false, s.position());
        }
        ParameterElement p = (ParameterElement) element;
        return new Value.Literal(p.rawText(), false, p.position());
    }

    private static Object resolve(Value value) {
        if (value instanceof Value.Literal literal) {
            return literal.text();
        }
        if (value instanceof Value.Variable variable) {
            return switch (variable.name().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> NULL;
                default -> throw new ExhaException(UNKNOWN_VARIABLE, "The variable '$" + variable.name()
                        + "' cannot be retrieved because it has not been set. Runbooks know only $true, $false and"
                        + " $null.", variable.position());
            };
        }
        Value.ArrayLiteral array = (Value.ArrayLiteral) value;
        List<Object> items = new ArrayList<>();
        for (Value element : array.elements()) {
            items.add(resolve(element));
        }
        return items;
    }

    private static String display(Object raw) {
        if (raw == NULL) {
            return "";
        }
        if (raw instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (raw instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                parts.add(display(item));
            }
            return String.join(",", parts);
        }
        return raw.toString();
    }
}
