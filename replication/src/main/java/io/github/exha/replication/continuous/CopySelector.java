package io.github.exha.replication.continuous;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.StorageGroup;
import java.util.Optional;

/** How the storage-group-copy cmdlets pick a copy: the SCR copy on -StandbyMachine, else the LCR or CCR copy. */
final class CopySelector {
    /** {@code -Identity}: the storage group whose copy a cmdlet acts on. */
    static final ParameterDescriptor IDENTITY = ParameterDescriptor.named("Identity",
            ParameterType.identity("StorageGroupIdParameter"), "Server\\Storage Group.").at(0).required()
            .fromPipeline();
    /** {@code -StandbyMachine}: which SCR copy, when the storage group has several. */
    static final ParameterDescriptor STANDBY_MACHINE = ParameterDescriptor.named("StandbyMachine",
            ParameterType.identity("MailboxServerIdParameter"), "The SCR copy on this machine.");

    private CopySelector() {
    }

    /** The copy the arguments name, if the storage group has it. */
    static Optional<StorageGroupCopy> find(ReplicationService service, StorageGroup group, Arguments arguments) {
        Optional<String> standby = arguments.identity("StandbyMachine").map(i -> i.text());
        if (standby.isPresent()) {
            return service.copy(group, standby.get()).filter(c -> c.kind() == CopyKind.STANDBY);
        }
        return service.copiesOf(group).stream().filter(c -> c.kind() != CopyKind.STANDBY).findFirst();
    }

    /**
     * The copy the arguments name.
     *
     * @throws ExhaException {@code NO_COPY} when the storage group has none
     */
    static StorageGroupCopy require(ReplicationService service, StorageGroup group, Arguments arguments) {
        return find(service, group, arguments).orElseThrow(() -> new ExhaException(ReplicationErrorCode.NO_COPY,
                arguments.identity("StandbyMachine").map(m -> "Storage group '" + group.identity()
                        + "' does not have standby continuous replication enabled to '" + m.text() + "'.")
                        .orElse("Storage group '" + group.identity() + "' does not have local or cluster continuous "
                                + "replication enabled.")));
    }
}
