package io.github.exha.cluster.command;

import io.github.exha.cluster.host.FileSharing;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.SharePermission;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.core.error.NearestNames;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code net share} on the session's host, as seed 004 prepares a file share witness:
 * {@code net share NAME=PATH [/GRANT:account,READ|CHANGE|FULL]... [/REMARK:"text"]} shares an existing folder
 * (without {@code /GRANT}: Everyone Read), {@code net share NAME /DELETE} stops sharing, {@code net share NAME}
 * shows one share and {@code net share} lists them. Other {@code net} commands are not simulated and say so.
 */
public final class NetCommand implements Command {
    private static final String GRANT = "GRANT";
    private static final String DELETE = "DELETE";
    private static final String REMARK = "REMARK";
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("net", List.of(), CommandSyntax.NATIVE,
            "net share: create, show, list and delete shares on the session's host.", List.of(
                    ParameterDescriptor.named(GRANT, ParameterType.arrayOf(ParameterType.string()),
                            "account,READ|CHANGE|FULL: a share permission; repeat for more accounts."),
                    ParameterDescriptor.named(DELETE, ParameterType.switchParameter(), "Stop sharing.").alias("D"),
                    ParameterDescriptor.named(REMARK, ParameterType.string(), "A comment shown with the share.")),
            false, ConfirmImpact.NONE, true);

    private final Datacenter datacenter;

    /** The command over the lab's hosts. */
    @Inject
    public NetCommand(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The command line as net.exe reads it: words, and switches wherever they stand (quoted or not). */
    private record Request(String target, boolean delete, Map<String, SharePermission> grants, boolean hasRemark) {
    }

    @Override
    public void validate(Arguments arguments) {
        parse(arguments.words());
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Request request = parse(arguments.words());
        Host host = datacenter.host(context.requireHost());
        FileSharing sharing = host.sharing();
        String target = request.target();
        if (target.isEmpty()) {
            for (FileSharing.Share share : sharing.shares()) {
                context.write(PsObject.builder("NetShare").add("Share name", share.name())
                        .add("Resource", share.path()).build());
            }
            return;
        }
        int equals = target.indexOf('=');
        if (equals >= 0) {
            FileSharing.Share share = sharing.share(target.substring(0, equals), target.substring(equals + 1),
                    request.grants());
            context.write(share.name() + " was shared successfully.");
        } else if (request.delete()) {
            sharing.unshare(target);
            context.write(target + " was deleted successfully.");
        } else {
            FileSharing.Share share = sharing.require(target);
            PsObject.Builder row = PsObject.builder("NetShare").add("Share name", share.name())
                    .add("Path", share.path());
            share.grants().forEach((account, permission) -> row.add("Permission " + account, permission.name()));
            context.write(row.build());
        }
    }

    private static Request parse(List<String> words) {
        if (words.isEmpty() || !words.get(0).equalsIgnoreCase("share")) {
            String typed = words.isEmpty() ? "" : words.get(0);
            throw new IllegalArgumentException("exha simulates only 'net share' (got 'net " + typed + "')."
                    + NearestNames.didYouMean(typed, List.of("share"), "") + " The syntax of this command is:"
                    + " NET SHARE sharename=drive:path [/GRANT:user,[READ | CHANGE | FULL]] | sharename /DELETE");
        }
        String target = "";
        boolean delete = false;
        boolean remark = false;
        Map<String, SharePermission> grants = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            if (!word.startsWith("/")) {
                if (!target.isEmpty()) {
                    throw new IllegalArgumentException("net share takes one share, got '" + target + "' and '" + word
                            + "'; quote a path with spaces: net share NAME=\"C:\\My Folder\"");
                }
                target = word;
                continue;
            }
            int colon = word.indexOf(':');
            String name = (colon < 0 ? word.substring(1) : word.substring(1, colon)).toUpperCase(Locale.ROOT);
            String value = colon < 0 ? "" : word.substring(colon + 1);
            switch (name) {
                case GRANT -> {
                    int comma = value.lastIndexOf(',');
                    SharePermission permission = comma < 0 ? null
                            : SharePermission.parse(value.substring(comma + 1).strip()).orElse(null);
                    if (comma <= 0 || permission == null) {
                        throw new IllegalArgumentException(word + " is not /GRANT:account,permission; write for example"
                                + " /GRANT:CCRCLUSTER$,FULL (permissions: READ, CHANGE, FULL).");
                    }
                    grants.put(value.substring(0, comma).strip(), permission);
                }
                case DELETE, "D" -> delete = true;
                case REMARK -> remark = true;
                default -> throw new IllegalArgumentException("net share does not know the option " + word
                        + NearestNames.didYouMean(name, List.of(GRANT, DELETE, REMARK), "/") + ".");
            }
        }
        boolean creating = target.contains("=");
        if (delete && !creating && target.isEmpty() || delete && creating) {
            throw new IllegalArgumentException("net share NAME /DELETE names the share alone, without =path.");
        }
        if ((!grants.isEmpty() || remark) && !creating) {
            throw new IllegalArgumentException("/GRANT and /REMARK go with a new share: net share NAME=PATH /GRANT:...");
        }
        return new Request(target, delete, grants, remark);
    }
}
