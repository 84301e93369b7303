package io.github.exha.archfixtures.layering.replicationnamessim.storage.sim;

public class SimReplicationGroup {
    public void promoteTarget() {
    }
}
