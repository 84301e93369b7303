package io.github.exha.core.command;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every command of a lab, looked up the way a Windows shell finds them: case-insensitively, by name or alias, with
 * a directory prefix ignored ({@code .\setup.com}, {@code D:\setup.com}) and {@code .exe}/{@code .com} optional
 * ({@code cluster.exe} finds {@code cluster}).
 */
public final class CommandCatalog {
    private final Map<String, Command> byName = new HashMap<>();
    private final List<Command> all;

    /** Builds the catalog; two commands claiming one name is a programming error. */
    @Inject
    public CommandCatalog(Set<Command> commands) {
        List<Command> sorted = new ArrayList<>(commands);
        sorted.sort(Comparator.comparing(c -> c.descriptor().name().toLowerCase(Locale.ROOT)));
        for (Command command : sorted) {
            CommandDescriptor d = command.descriptor();
            register(d.name(), command);
            for (String alias : d.aliases()) {
                register(alias, command);
            }
        }
        this.all = List.copyOf(sorted);
    }

    private void register(String name, Command command) {
        Command previous = byName.putIfAbsent(name.toLowerCase(Locale.ROOT), command);
        if (previous != null && previous != command) {
            throw new IllegalArgumentException("two commands are called '" + name + "': "
                    + previous.getClass().getName() + " and " + command.getClass().getName());
        }
    }

    /** The command a runbook names, if any. */
    public Optional<Command> find(String written) {
        String key = written;
        int slash = Math.max(key.lastIndexOf('\\'), key.lastIndexOf('/'));
        if (slash >= 0) {
            key = key.substring(slash + 1);
        }
        key = key.toLowerCase(Locale.ROOT);
        Command found = byName.get(key);
        if (found == null && (key.endsWith(".exe") || key.endsWith(".com"))) {
            found = byName.get(key.substring(0, key.length() - 4));
        }
        return Optional.ofNullable(found);
    }

    /** Every command, sorted by name. */
    public List<Command> all() {
        return all;
    }

    /** Every name and alias, for suggestions. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Command c : all) {
            names.add(c.descriptor().name());
            names.addAll(c.descriptor().aliases());
        }
        return names;
    }
}
