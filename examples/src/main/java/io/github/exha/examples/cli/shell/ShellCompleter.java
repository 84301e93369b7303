package io.github.exha.examples.cli.shell;

import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandCatalog;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ParameterDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from the lab as it is now: command names (every runbook command and alias), the parameters of the
 * command being typed ({@code -Ide} gives {@code -Identity}; {@code /mov} gives {@code /moveto:} for native
 * programs), and the values of the parameter being completed: enum names, {@code $true}/{@code $false}, and the
 * identities of its kind (servers, {@code SERVER\Storage Group}, databases, hosts, clusters, cluster groups,
 * resources and nodes), read from the current state so an object created in the session completes afterwards.
 */
final class ShellCompleter implements Completer {
    /** The object kinds {@code cluster [name] KIND "object" /action} names. */
    private static final List<String> CLUSTER_OBJECTS = List.of("group", "resource", "node", "network");

    private final ShellSession session;

    ShellCompleter(ShellSession session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            candidates.addAll(complete(line.words(), line.wordIndex(),
                    line.word().substring(0, Math.min(line.wordCursor(), line.word().length()))));
        } catch (RuntimeException e) {
            // A defect in completion must not end the session: Tab then offers nothing.
            candidates.clear();
        }
    }

    /**
     * The candidates for the word at {@code index} of {@code words}, of which {@code typed} has been typed so far.
     */
    List<Candidate> complete(List<String> words, int index, String typed) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            String w = words.get(i);
            if (w.endsWith("|") || w.endsWith(";")) {
                start = i + 1;
            }
        }
        CommandCatalog catalog = session.lab().commands();
        if (index == start) {
            return commandNames(catalog);
        }
        Optional<Command> command = catalog.find(words.get(start));
        if (command.isEmpty()) {
            return List.of();
        }
        CommandDescriptor d = command.get().descriptor();
        List<String> before = words.subList(start + 1, index);
        return switch (d.syntax()) {
            case CMDLET -> cmdletWord(d, before, typed);
            case NATIVE -> nativeWord(d, before, typed);
        };
    }

    private static List<Candidate> commandNames(CommandCatalog catalog) {
        List<Candidate> out = new ArrayList<>();
        for (Command c : catalog.all()) {
            CommandDescriptor d = c.descriptor();
            out.add(new Candidate(d.name(), d.name(), "commands", d.synopsis(), null, null, true));
            for (String alias : d.aliases()) {
                out.add(new Candidate(alias, alias, "aliases", d.synopsis(), null, null, true));
            }
        }
        return out;
    }

    private List<Candidate> cmdletWord(CommandDescriptor d, List<String> before, String typed) {
        if (typed.startsWith("-") && typed.indexOf(':') < 0) {
            List<Candidate> out = new ArrayList<>();
            for (ParameterDescriptor p : d.parameters()) {
                boolean given = before.stream().anyMatch(w -> w.startsWith("-")
                        && p.isCalled(parameterName(w.substring(1))));
                if (!given) {
                    out.add(new Candidate("-" + p.name(), "-" + p.name(), "parameters", p.help(), null, null, true));
                }
            }
            return out;
        }
        return values(valueOf(d, before)).orElse(List.of());
    }

    /** The parameter whose value the next word is: after {@code -Name}, or by position. */
    private static Optional<ParameterDescriptor> valueOf(CommandDescriptor d, List<String> before) {
        int position = 0;
        for (int i = 0; i < before.size(); i++) {
            String w = before.get(i);
            if (w.startsWith("-") && w.length() > 1 && w.indexOf(':') < 0) {
                Optional<ParameterDescriptor> p = d.parameter(w.substring(1));
                if (p.isPresent() && !p.get().type().isSwitch()) {
                    if (i == before.size() - 1) {
                        return p;
                    }
                    i++;
                }
            } else if (!w.startsWith("-")) {
                position++;
            }
        }
        int wanted = position;
        return d.parameters().stream().filter(p -> p.position() == wanted).findFirst();
    }

    private List<Candidate> nativeWord(CommandDescriptor d, List<String> before, String typed) {
        if (typed.startsWith("/")) {
            int colon = typed.indexOf(':');
            if (colon > 0) {
                String prefix = typed.substring(0, colon + 1);
                return d.parameter(typed.substring(1, colon)).flatMap(this::values).orElse(List.of()).stream()
                        .map(c -> new Candidate(prefix + c.value(), c.displ(), c.group(), null, null, null, true))
                        .toList();
            }
            List<Candidate> out = new ArrayList<>();
            for (ParameterDescriptor p : d.parameters()) {
                String name = "/" + p.name() + (p.type().isSwitch() ? "" : ":");
                out.add(new Candidate(name, name, "options", p.help(), null, null, p.type().isSwitch()));
            }
            return out;
        }
        if (!d.name().equalsIgnoreCase("cluster")) {
            return List.of();
        }
        List<String> positionals = before.stream().filter(w -> !w.startsWith("/")).toList();
        String last = positionals.isEmpty() ? "" : positionals.get(positionals.size() - 1).toLowerCase(Locale.ROOT);
        LabIdentities ids = session.identities();
        return switch (last) {
            case "group" -> plain(ids.clusterGroups(), "groups");
            case "resource", "res" -> plain(ids.clusterResources(), "resources");
            case "node" -> plain(ids.clusterNodes(), "nodes");
            default -> {
                List<Candidate> out = new ArrayList<>(plain(CLUSTER_OBJECTS, "objects"));
                if (positionals.isEmpty()) {
                    out.addAll(plain(ids.clusters(), "clusters"));
                }
                yield out;
            }
        };
    }

    private Optional<List<Candidate>> values(Optional<ParameterDescriptor> parameter) {
        return parameter.flatMap(this::values);
    }

    private Optional<List<Candidate>> values(ParameterDescriptor parameter) {
        List<String> values = session.identities().values(parameter);
        return values.isEmpty() ? Optional.empty() : Optional.of(plain(values, parameter.name()));
    }

    private static List<Candidate> plain(List<String> values, String group) {
        return values.stream().map(v -> new Candidate(v, v, group, null, null, null, true)).toList();
    }

    /** {@code Name} of {@code Name:$false}. */
    private static String parameterName(String written) {
        int colon = written.indexOf(':');
        return colon < 0 ? written : written.substring(0, colon);
    }
}
