package io.github.exha.upgrade.procedure;

import static io.github.exha.upgrade.procedure.UpgradeChecks.precondition;

import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.upgrade.workflow.Precondition;
import io.github.exha.upgrade.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rolling service-pack upgrade of an Exchange 2007 CCR clustered mailbox server (DOMAIN.md §4): upgrade the
 * passive node's binaries, move the CMS to it, stop the CMS, upgrade the CMS from that node with
 * {@code setup.com /UpgradeCMS}, then upgrade the former active node, and check the result.
 *
 * <p>{@code /UpgradeCMS} brings the CMS group online as its last act (seed 000: any resource that fails to come online
 * fails the upgrade and leaves setup's watermark), so the CMS is not started again with Start-ClusteredMailboxServer:
 * the last step checks that it is online, on the upgraded node, with healthy copies.
 *
 * <p>Each step's preconditions stop the procedure before it changes anything it could not finish: the copies are
 * checked before the passive node is touched (Move-ClusteredMailboxServer would refuse a failed, seeding or suspended
 * copy only at step 2, with one node already upgraded), the passive node must run the new build before the CMS moves
 * to it, and the CMS must be offline before /UpgradeCMS.
 *
 * @param cms the clustered mailbox server
 * @param activeNode the node the CMS runs on before the upgrade
 * @param passiveNode the passive node, upgraded first
 * @param target the build the service pack's setup installs
 */
public record CcrServicePackUpgrade(String cms, String activeNode, String passiveNode, ExchangeBuild target) {
    /** The workflow's name. */
    public static final String NAME = "ccr-service-pack-upgrade";

    public CcrServicePackUpgrade {
        Objects.requireNonNull(cms, "cms");
        Objects.requireNonNull(activeNode, "activeNode");
        Objects.requireNonNull(passiveNode, "passiveNode");
        Objects.requireNonNull(target, "target");
        if (activeNode.equalsIgnoreCase(passiveNode)) {
            throw new IllegalArgumentException("the active and the passive node differ: " + activeNode);
        }
    }

    /** The procedure as a workflow: six steps, the command lines rendered for these servers. */
    public Workflow workflow() {
        String sp = "service pack " + target.servicePack();
        Workflow.Builder builder = Workflow.builder(NAME);
        rollingUpgrade(builder, cms, activeNode, passiveNode, target, "Rolling upgrade to " + sp,
                "Upgrading " + cms + " to " + sp, List.of(precondition("upgrade.copies-allow-move",
                        "no copy of " + cms + " is failed, seeding or suspended",
                        c -> c.copiesAllowMove(cms, passiveNode))));
        return builder
                .step("Check " + cms + " and its copies", null, List.of(
                        precondition("upgrade.node-at-target", activeNode + " runs " + target.displayVersion(),
                                c -> c.installedBuild(activeNode, target)),
                        precondition("upgrade.cms-online-on-node", cms + " is online on " + passiveNode,
                                c -> c.cmsOnlineOn(cms, passiveNode))),
                        List.of("Get-ClusteredMailboxServerStatus -Identity " + cms,
                                "Get-StorageGroupCopyStatus -Server " + cms))
                .build();
    }

    /**
     * Adds the rolling upgrade of a two-node clustered mailbox server (SCC or CCR) to {@code builder}: the passive
     * node's binaries, the move to it, the stop, {@code /UpgradeCMS} from it, the former active node's binaries.
     *
     * @param firstChecks more preconditions of the first step (CCR: the copies allow the move)
     */
    static void rollingUpgrade(Workflow.Builder builder, String cms, String active, String passive,
            ExchangeBuild target, String moveComment, String stopReason, List<Precondition> firstChecks) {
        List<Precondition> first = new ArrayList<>();
        first.add(precondition("upgrade.cms-online-on-node", cms + " is online on " + active,
                c -> c.cmsOnlineOn(cms, active)));
        first.addAll(firstChecks);
        first.add(belowTarget(passive, target));
        builder.step("Upgrade the passive node " + passive, passive, first, List.of("setup.com /mode:upgrade"))
                .step("Move " + cms + " to the upgraded node " + passive, null, List.of(
                        precondition("upgrade.node-at-target", passive + " runs " + target.displayVersion(),
                                c -> c.installedBuild(passive, target))),
                        List.of("Move-ClusteredMailboxServer -Identity " + cms + " -TargetMachine " + passive
                                + " -MoveComment \"" + moveComment + "\" -Confirm:$false"))
                .step("Stop " + cms, null, List.of(onlineOn(cms, passive)),
                        List.of("Stop-ClusteredMailboxServer -Identity " + cms + " -StopReason \"" + stopReason
                                + "\""))
                .step("Upgrade " + cms + " from " + passive, passive, List.of(
                        precondition("upgrade.cms-offline", cms + " is offline", c -> c.cmsOffline(cms))),
                        List.of("setup.com /UpgradeCMS"))
                .step("Upgrade the former active node " + active, active, List.of(onlineOn(cms, passive),
                        belowTarget(active, target)), List.of("setup.com /mode:upgrade"));
    }

    private static Precondition onlineOn(String cms, String node) {
        return precondition("upgrade.cms-online-on-node", cms + " is online on " + node, c -> c.cmsOnlineOn(cms, node));
    }

    private static Precondition belowTarget(String node, ExchangeBuild target) {
        return precondition("upgrade.node-below-target", node + " runs a build older than " + target.displayVersion(),
                c -> c.installedBelow(node, target));
    }
}
