package io.github.exha.cluster.membership;

import io.github.exha.core.error.ExhaException;
import java.util.Optional;

/**
 * A quorum model with its witness, as "Configure Cluster Quorum Settings" (2008) or {@code cluster /quorum}
 * (2003) sets it. Whether the model suits the cluster's version and whether the share grants the cluster account
 * Full Control are checked when a {@link ClusterMembership} takes the configuration.
 *
 * @param model the model
 * @param witness the witness, present exactly when the model uses one
 */
public record QuorumConfiguration(QuorumModel model, Optional<Witness> witness) {
    /**
     * Checks that the witness fits the model.
     *
     * @throws ExhaException {@code cluster.quorum.witness-mismatch} when the model needs a witness of another kind
     *     or none
     */
    public QuorumConfiguration {
        if (model == null || witness == null) {
            throw new ExhaException(QuorumErrorCode.WITNESS_MISMATCH, "A quorum configuration needs a model.");
        }
        if (!model.witness().matches(witness.orElse(null))) {
            throw new ExhaException(QuorumErrorCode.WITNESS_MISMATCH, switch (model.witness()) {
                case NONE -> "The quorum model " + model.displayName() + " uses no witness, but "
                        + witness.map(Witness::displayName).orElse("") + " was given.";
                case FILE_SHARE -> "The quorum model " + model.displayName() + " needs a file share witness.";
                case DISK -> "The quorum model " + model.displayName() + " needs a disk (a Physical Disk resource).";
            });
        }
    }

    /** A model without a witness. */
    public static QuorumConfiguration of(QuorumModel model) {
        return new QuorumConfiguration(model, Optional.empty());
    }

    /** A model with its witness. */
    public static QuorumConfiguration of(QuorumModel model, Witness witness) {
        return new QuorumConfiguration(model, Optional.ofNullable(witness));
    }
}
