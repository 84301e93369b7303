package io.github.exha.upgrade.procedure;

import static io.github.exha.upgrade.procedure.UpgradeChecks.precondition;

import io.github.exha.exchange.config.ExchangeBuild;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ReplicationState;
import io.github.exha.upgrade.workflow.Precondition;
import io.github.exha.upgrade.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seed 000's service-pack upgrade of a single copy cluster protected by SAN replication: the standby CMS at the DR
 * site has its Physical Disks on the replicas, which the arrays keep read-only, so its {@code setup.com /upgradeCMS}
 * fails unless replication is suspended and the replicas made read/write first. The procedure: suspend the
 * consistency group, make the DR LUNs read/write, allow file restore on the DR databases (the seed's pipeline line),
 * upgrade Main (passive node, move, stop, {@code /upgradeCMS}, former active node), upgrade the DR nodes and the DR
 * CMS, stop the DR CMS, make the DR LUNs read-only again and resynchronize them from the source.
 *
 * <p>The preconditions catch what the naive order runs into before anything changes: the DR CMS's upgrade requires
 * its LUNs read/write, their switch requires the group suspended, and the resync requires the DR CMS stopped and its
 * LUNs read-only again, so the DR never writes to a replica the source is about to overwrite.
 *
 * @param group the consistency group replicating Main's disks to the DR array
 * @param mainCms the production CMS
 * @param mainActive the node Main runs on before the upgrade
 * @param mainPassive Main's other node, upgraded first
 * @param drCms the standby CMS on the replicas
 * @param drNodes the DR cluster's nodes, in upgrade order; the last is the one that owns the DR CMS's group and runs
 *     its {@code /upgradeCMS}
 * @param drArray the DR array
 * @param drLuns the replica LUNs behind the DR CMS's disks
 * @param target the build the service pack's media installs
 */
public record SanSiteServicePackUpgrade(String group, String mainCms, String mainActive, String mainPassive,
        String drCms, List<String> drNodes, String drArray, List<String> drLuns, ExchangeBuild target) {
    /** The workflow's name. */
    public static final String NAME = "san-site-service-pack-upgrade";

    /** Validates the parameters and copies the lists. */
    public SanSiteServicePackUpgrade {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(mainCms, "mainCms");
        Objects.requireNonNull(mainActive, "mainActive");
        Objects.requireNonNull(mainPassive, "mainPassive");
        Objects.requireNonNull(drCms, "drCms");
        Objects.requireNonNull(drArray, "drArray");
        Objects.requireNonNull(target, "target");
        drNodes = List.copyOf(drNodes);
        drLuns = List.copyOf(drLuns);
        if (drNodes.isEmpty() || drLuns.isEmpty()) {
            throw new IllegalArgumentException("the DR site has at least one node and one replica LUN");
        }
        if (mainActive.equalsIgnoreCase(mainPassive)) {
            throw new IllegalArgumentException("Main's active and passive nodes differ: " + mainActive);
        }
    }

    /** The procedure as a workflow, its command lines rendered for these servers, arrays and LUNs. */
    public Workflow workflow() {
        String sp = "Exchange 2007 SP" + target.servicePack();
        String drOwner = drNodes.get(drNodes.size() - 1);
        Workflow.Builder builder = Workflow.builder(NAME)
                .step("Suspend the SAN replication of " + group, null, List.of(
                        precondition("upgrade.group-in-sync", group + " is in sync",
                                c -> c.consistencyGroupIs(group, ReplicationState.IN_SYNC))),
                        List.of("Suspend-SanReplication -Group " + group + " -Confirm:$false"))
                .step("Make the DR LUNs read/write", null, List.of(
                        precondition("upgrade.group-suspended", group + " is suspended",
                                c -> c.consistencyGroupIs(group, ReplicationState.SUSPENDED))),
                        lunAccessLines("ReadWrite"))
                .step("Allow file restore on " + drCms + "'s databases", null, List.of(),
                        List.of("Get-MailboxDatabase -Server " + drCms + " | Set-MailboxDatabase -AllowFileRestore:$true"));
        CcrServicePackUpgrade.rollingUpgrade(builder, mainCms, mainActive, mainPassive, target, sp, sp
                + ": setup /upgradeCMS", List.of());
        for (String node : drNodes.subList(0, drNodes.size() - 1)) {
            builder.step("Upgrade the DR node " + node, node, List.of(
                    precondition("upgrade.node-below-target", node + " runs a build older than "
                            + target.displayVersion(), c -> c.installedBelow(node, target))),
                    List.of("setup.com /mode:upgrade"));
        }
        List<Precondition> drReady = new ArrayList<>();
        drReady.add(precondition("upgrade.node-below-target", drOwner + " runs a build older than "
                + target.displayVersion(), c -> c.installedBelow(drOwner, target)));
        drReady.add(precondition("upgrade.cms-not-serving", drCms + " is offline or failed",
                c -> c.cmsNotServing(drCms)));
        for (String lun : drLuns) {
            drReady.add(precondition("upgrade.lun-read-write", lun + " on " + drArray + " is read/write",
                    c -> c.lunAccess(drArray, lun, AccessState.READ_WRITE)));
        }
        List<Precondition> backToStandby = new ArrayList<>();
        backToStandby.add(precondition("upgrade.cms-offline", drCms + " is offline", c -> c.cmsOffline(drCms)));
        return builder
                .step("Upgrade the DR node " + drOwner + " and " + drCms, drOwner, drReady,
                        List.of("setup.com /mode:upgrade", "setup.com /upgradeCMS"))
                .step("Stop " + drCms, null, List.of(
                        precondition("upgrade.cms-online-on-node", drCms + " is online on " + drOwner,
                                c -> c.cmsOnlineOn(drCms, drOwner))),
                        List.of("Stop-ClusteredMailboxServer -Identity " + drCms + " -StopReason \"" + sp
                                + " deployed; back to standby\""))
                .step("Make the DR LUNs read-only", null, backToStandby, lunAccessLines("ReadOnly"))
                .step("Resynchronize the DR LUNs from the source", null, drLuns.stream()
                        .map(lun -> precondition("upgrade.lun-read-only", lun + " on " + drArray + " is read-only",
                                c -> c.lunAccess(drArray, lun, AccessState.READ_ONLY))).toList(),
                        List.of("Resume-SanReplication -Group " + group + " -Direction SourceToTarget -Confirm:$false"))
                .step("Check the replication and both CMSs", null, List.of(),
                        List.of("Start-Sleep -Seconds 900", "Get-SanReplication -Group " + group,
                                "Get-ClusteredMailboxServerStatus -Identity " + mainCms,
                                "Get-ClusteredMailboxServerStatus -Identity " + drCms))
                .build();
    }

    private List<String> lunAccessLines(String access) {
        return drLuns.stream().map(lun -> "Set-SanLunAccess -Array " + drArray + " -Lun " + lun + " -Access " + access
                + " -Confirm:$false").toList();
    }
}
