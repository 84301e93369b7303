package io.github.exha.cluster.resources;

import io.github.exha.cluster.failover.ResourceContext;
import java.time.Duration;

/**
 * The Majority Node Set quorum resource of a Windows Server 2003 cluster: online on the node that owns the cluster
 * group while the node set has a majority. Private property {@value #MNS_FILE_SHARE} (KB921181) names a file share
 * witness ({@code cluster res "Majority Node Set" /priv MNSFileShare=\\HUB1\FSW}) whose vote counts when the node
 * set is even; an unreachable witness share does not take the resource down (the vote is simply missing), but a
 * malformed path is refused when it is set.
 */
public final class MajorityNodeSetType extends ClaimingResourceType {
    /** The type name. */
    public static final String NAME = "Majority Node Set";
    /** Private property: the file share witness's UNC path (empty: none). */
    public static final String MNS_FILE_SHARE = "MNSFileShare";

    /** The type; the node set's votes and the witness's are counted by the membership, not here. */
    public MajorityNodeSetType() {
        super(Duration.ofMillis(500), Duration.ofMillis(200));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void claim(ResourceContext context) {
        String text = context.property(MNS_FILE_SHARE, "").strip();
        if (!text.isEmpty()) {
            WitnessShare.parse(text);
        }
    }

    @Override
    protected void release(ResourceContext context) {
        // The node set's arbitration is the membership's; the resource holds nothing of its own.
    }

    @Override
    protected boolean healthy(ResourceContext context) {
        return true;
    }
}
