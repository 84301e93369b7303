package io.github.exha.upgrade.procedure;

import static io.github.exha.upgrade.procedure.UpgradeChecks.precondition;

import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.exchange.update.ExchangeServicePackSetup;
import io.github.exha.exchange.update.HotfixPackage;
import io.github.exha.upgrade.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seed 001's rolling Exchange 2003 SP1 upgrade of an Exchange virtual server on a two-node cluster: on the node that
 * does not run the EVS, install hotfix 831464 and restart, run the service pack's {@code update.exe} and restart, then
 * take the EVS's System Attendant offline, move the EVS there and run Cluster Administrator's "Upgrade Exchange
 * Virtual Server" before bringing it online; then the same installs on the other node, and the EVS moved back to it.
 *
 * <p>The preconditions keep the order the seed insists on: no install on the node that runs the EVS, the service pack
 * only after the hotfix's restart, the EVS moved only to a node that already runs the new build (a move to an older
 * node fails with "Version of Exchange on this machine does not match ..."), and the move back only once the other node
 * is upgraded too.
 *
 * @param cluster the Windows cluster
 * @param evs the Exchange virtual server (its cluster group has the same name)
 * @param firstNode the node upgraded first: it does not run the EVS when the procedure starts
 * @param secondNode the node the EVS runs on when the procedure starts, upgraded second
 * @param updatePath the path of the service pack's {@code update.exe} on the nodes (seed 001's media: the
 *     {@code setup\i386} folder of the SP1 download on drive D)
 */
public record EvsServicePackUpgrade(String cluster, String evs, String firstNode, String secondNode,
        String updatePath) {
    /** The workflow's name. */
    public static final String NAME = "evs-service-pack-upgrade";
    /** How long the procedure waits for a node's restart (it takes about four virtual minutes). */
    static final int RESTART_WAIT_SECONDS = 300;

    /** Validates the parameters. */
    public EvsServicePackUpgrade {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(evs, "evs");
        Objects.requireNonNull(firstNode, "firstNode");
        Objects.requireNonNull(secondNode, "secondNode");
        Objects.requireNonNull(updatePath, "updatePath");
        if (firstNode.equalsIgnoreCase(secondNode)) {
            throw new IllegalArgumentException("the two nodes differ: " + firstNode);
        }
    }

    /** The procedure as a workflow: the installs on each node, the EVS's upgrade in between, the move back. */
    public Workflow workflow() {
        ExchangeBuild target = ExchangeServicePackSetup.MEDIA_BUILD;
        HotfixPackage hotfix = ExchangeServicePackSetup.REQUIRED_HOTFIX;
        String systemAttendant = "Exchange System Attendant (" + evs + ")";
        Workflow.Builder builder = Workflow.builder(NAME);
        for (String node : List.of(firstNode, secondNode)) {
            builder.step("Install " + hotfix.hotfix() + " on " + node, node, List.of(
                            precondition("upgrade.evs-not-on-node", evs + " does not run on " + node,
                                    c -> c.groupOwnedBy(cluster, evs, node, false)),
                            precondition("upgrade.node-below-target", node + " runs a build older than "
                                    + target.displayVersion(), c -> c.installedBelow(node, target))),
                            installAndRestart(node, hotfix.fileName() + ".exe /passive /norestart", hotfix.hotfix()
                                    + " before Exchange 2003 SP1"))
                    .step("Install Exchange 2003 SP1 on " + node, node, List.of(
                            precondition("upgrade.no-restart-pending", node + " has no restart pending",
                                    c -> c.noRestartPending(node)),
                            precondition("upgrade.evs-not-on-node", evs + " does not run on " + node,
                                    c -> c.groupOwnedBy(cluster, evs, node, false))),
                            installAndRestart(node, updatePath, "Exchange 2003 SP1"));
            if (node.equals(firstNode)) {
                builder.step("Move " + evs + " to " + node + " and upgrade it", node, List.of(
                        precondition("upgrade.node-at-target", node + " runs " + target.displayVersion(),
                                c -> c.installedBuild(node, target)),
                        precondition("upgrade.no-restart-pending", node + " has no restart pending",
                                c -> c.noRestartPending(node))),
                        List.of("cluster " + cluster + " resource \"" + systemAttendant + "\" /offline",
                                "cluster " + cluster + " group \"" + evs + "\" /moveto:" + node,
                                "Update-ExchangeVirtualServer \"" + systemAttendant + "\"",
                                "cluster " + cluster + " group \"" + evs + "\" /online",
                                "Get-ExchangeServer " + evs));
            }
        }
        return builder.step("Move " + evs + " back to " + secondNode, secondNode, List.of(
                        precondition("upgrade.node-at-target", secondNode + " runs " + target.displayVersion(),
                                c -> c.installedBuild(secondNode, target)),
                        precondition("upgrade.no-restart-pending", secondNode + " has no restart pending",
                                c -> c.noRestartPending(secondNode))),
                        List.of("cluster " + cluster + " group \"" + evs + "\" /moveto:" + secondNode,
                                "cluster " + cluster + " group \"" + evs + "\" /status"))
                .build();
    }

    private List<String> installAndRestart(String node, String installer, String reason) {
        List<String> lines = new ArrayList<>();
        lines.add(installer);
        lines.add("shutdown /r /t 0 /c \"" + reason + "\"");
        lines.add("Start-Sleep -Seconds " + RESTART_WAIT_SECONDS);
        lines.add("cluster " + cluster + " node " + node + " /status");
        return lines;
    }
}
