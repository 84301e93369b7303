package io.github.exha.cluster.resources;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.ResourceContext;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import java.time.Duration;
import java.util.Objects;

/**
 * The File Share Witness resource of a Windows Server 2008 cluster in Node and File Share Majority: it lives in the
 * cluster group and is online on the node that holds the witness share open. Private property {@value #SHARE_PATH}
 * ({@code \\HUB1\FSW_CCR_MAIL}). Online fails when the share's server cannot be reached (ERROR_BAD_NETPATH, 53),
 * the share does not exist (67), or the cluster account {@code CLUSTERNAME$} lacks Full Control (5); the resource
 * fails when any of that stops holding.
 */
public final class FileShareWitnessType extends ClaimingResourceType {
    /** The type name. */
    public static final String NAME = "File Share Witness";
    /** Private property: the witness share's UNC path. */
    public static final String SHARE_PATH = "SharePath";

    private final WitnessShare witness;

    /** The type over the lab's witness shares. */
    public FileShareWitnessType(WitnessShare witness) {
        super(Duration.ofSeconds(1), Duration.ofMillis(200));
        this.witness = Objects.requireNonNull(witness, "witness");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void claim(ResourceContext context) {
        String text = context.property(SHARE_PATH, "").strip();
        if (text.isEmpty()) {
            throw new ExhaException(ClusterErrorCode.RESMON_ONLINE_FAILED, "The cluster resource could not be brought"
                    + " online by the resource monitor: File Share Witness '" + context.resourceName() + "' has no"
                    + " private property '" + SHARE_PATH + "'.", NativeCode.win32(5018));
        }
        WitnessShare.UncPath path = WitnessShare.parse(text);
        witness.problem(context.nodeName(), path, WitnessShare.account(context.clusterName())).ifPresent(e -> {
            throw e;
        });
    }

    @Override
    protected void release(ResourceContext context) {
        // The share handle closes with the resource; nothing is kept here.
    }

    @Override
    protected boolean healthy(ResourceContext context) {
        String text = context.property(SHARE_PATH, "").strip();
        try {
            return witness.problem(context.nodeName(), WitnessShare.parse(text),
                    WitnessShare.account(context.clusterName())).isEmpty();
        } catch (ExhaException e) {
            return false;
        }
    }
}
