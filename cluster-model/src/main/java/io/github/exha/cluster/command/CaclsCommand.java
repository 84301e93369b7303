package io.github.exha.cluster.command;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.host.FileAccess;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code cacls} on the session's host: {@code cacls PATH} shows a folder's permissions; {@code /G user:perm}
 * grants (R, W, C, F), {@code /R user} revokes (with {@code /E}), {@code /P user:perm} replaces, {@code /D user}
 * denies. Without {@code /E} the listed entries replace the whole list, after Windows' "Are you sure (Y/N)?", which
 * a runbook answers by its confirmation policy. Arguments are read exactly as cacls.exe reads them: the first word is
 * the path and every later word must follow a switch, so seed 004's {@code CACLS C:\ FSW_CCR_MAIL /G ...} (a space
 * inside the path) is refused with ERROR_BAD_ARGUMENTS (160), as on Windows.
 */
public final class CaclsCommand implements Command {
    private static final List<String> MODES = List.of("G", "R", "P", "D");
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("cacls", List.of(), CommandSyntax.NATIVE,
            "Display or change a folder's NTFS permissions on the session's host.", List.of(
                    ParameterDescriptor.named("G", ParameterType.switchParameter(), "Grant user:perm (R, W, C, F).")
                            .alias("Grant"),
                    ParameterDescriptor.named("R", ParameterType.switchParameter(), "Revoke a user's rights (with /E).")
                            .alias("Revoke"),
                    ParameterDescriptor.named("P", ParameterType.switchParameter(), "Replace user:perm (N, R, W, C, F).")
                            .alias("rePlace"),
                    ParameterDescriptor.named("D", ParameterType.switchParameter(), "Deny a user.").alias("Deny"),
                    ParameterDescriptor.named("E", ParameterType.switchParameter(), "Edit the list instead of replacing it.")
                            .alias("Edit"),
                    ParameterDescriptor.named("T", ParameterType.switchParameter(), "Also the subfolders and files.")
                            .alias("Tree"),
                    ParameterDescriptor.named("C", ParameterType.switchParameter(), "Continue on access denied errors.")
                            .alias("Continue")),
            false, ConfirmImpact.HIGH, true);
    private static final String USAGE = "Displays or modifies access control lists (ACLs) of files. CACLS filename [/T]"
            + " [/E] [/C] [/G user:perm] [/R user [...]] [/P user:perm [...]] [/D user [...]]";

    /** The command line as cacls.exe parses it. */
    private record Request(String path, boolean edit, Map<String, FileAccess> grants, Set<String> revoked) {
    }

    private final Datacenter datacenter;

    /** The command over the lab's hosts. */
    @Inject
    public CaclsCommand(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        // cacls.exe reads its own command line when it runs: a bad one fails that step (160), as on Windows.
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Request request = parse(arguments.words());
        Host host = datacenter.host(context.requireHost());
        if (request.grants().isEmpty() && request.revoked().isEmpty()) {
            Map<String, FileAccess> acl = host.sharing().acl(request.path());
            acl.forEach((account, access) -> context.write(request.path() + " " + account + ":" + access.letter()));
            return;
        }
        // Replace mode asks first; "no" leaves everything as it was and still succeeds, as cacls.exe does.
        if (!request.edit() && !context.shouldProcess(request.path(), "Are you sure (Y/N)? replace the access control list")) {
            return;
        }
        String folder = host.sharing().changeAcl(request.path(), request.grants(), request.revoked(), request.edit());
        context.write("processed dir: " + folder);
    }

    private static Request parse(List<String> words) {
        if (words.isEmpty() || words.get(0).startsWith("/")) {
            throw badArguments("the first argument is the file or folder", words);
        }
        String path = words.get(0);
        boolean edit = false;
        String mode = null;
        boolean modeHasArguments = false;
        Set<String> modesSeen = new LinkedHashSet<>();
        Map<String, FileAccess> grants = new LinkedHashMap<>();
        Set<String> revoked = new LinkedHashSet<>();
        for (String word : words.subList(1, words.size())) {
            if (word.startsWith("/")) {
                if (mode != null && !modeHasArguments) {
                    throw badArguments("/" + mode + " needs at least one user", words);
                }
                String name = word.substring(1).toUpperCase(Locale.ROOT);
                String canonical = switch (name) {
                    case "G", "GRANT" -> "G";
                    case "R", "REVOKE" -> "R";
                    case "P", "REPLACE" -> "P";
                    case "D", "DENY" -> "D";
                    case "E", "EDIT" -> "E";
                    case "T", "TREE" -> "T";
                    case "C", "CONTINUE" -> "C";
                    default -> throw badArguments("unknown switch " + word, words);
                };
                mode = null;
                if (canonical.equals("E")) {
                    edit = true;
                } else if (MODES.contains(canonical)) {
                    if (!modesSeen.add(canonical)) {
                        throw badArguments("/" + canonical + " given twice", words);
                    }
                    mode = canonical;
                    modeHasArguments = false;
                }
                continue;
            }
            if (mode == null) {
                String hint = words.get(0).endsWith("\\") ? " (a space splits '" + words.get(0) + word + "' into two"
                        + " arguments: write " + words.get(0) + word + ")" : "";
                throw badArguments("'" + word + "' follows no /G, /R, /P or /D" + hint, words);
            }
            modeHasArguments = true;
            switch (mode) {
                case "G", "P" -> {
                    int colon = word.lastIndexOf(':');
                    FileAccess access = colon <= 0 ? null : FileAccess.parse(word.substring(colon + 1)).orElse(null);
                    if (access == null || (access == FileAccess.NONE && mode.equals("G"))) {
                        throw badArguments("'" + word + "' is not user:perm with perm R, W, C or F", words);
                    }
                    grants.put(word.substring(0, colon), access);
                }
                case "R" -> revoked.add(word);
                case "D" -> grants.put(word, FileAccess.NONE);
                default -> throw new IllegalStateException("mode " + mode);
            }
        }
        if (mode != null && !modeHasArguments) {
            throw badArguments("/" + mode + " needs at least one user", words);
        }
        if (!revoked.isEmpty() && !edit) {
            throw badArguments("/R works only with /E", words);
        }
        return new Request(path, edit, grants, revoked);
    }

    private static ExhaException badArguments(String why, List<String> words) {
        return new ExhaException(ClusterErrorCode.BAD_ARGUMENTS, "The arguments are not valid: " + why + ". ("
                + "cacls " + String.join(" ", words) + ") " + USAGE, NativeCode.win32(160));
    }
}
