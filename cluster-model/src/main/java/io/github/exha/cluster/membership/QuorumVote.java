package io.github.exha.cluster.membership;

/**
 * One configured vote.
 *
 * @param voter the node's name, or the witness's display name
 * @param witness whether the voter is the witness
 */
public record QuorumVote(String voter, boolean witness) {
}
