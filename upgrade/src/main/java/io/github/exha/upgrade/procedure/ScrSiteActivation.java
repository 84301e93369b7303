package io.github.exha.upgrade.procedure;

import static io.github.exha.upgrade.procedure.UpgradeChecks.precondition;

import io.github.exha.upgrade.workflow.Precondition;
import io.github.exha.upgrade.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Activating a clustered mailbox server in the standby datacenter from its SCR copies after the production site is
 * lost (seed 003, parts 1-2; DOMAIN.md §2 and §4): activate each storage group's copy on the standby node with
 * {@code Restore-StorageGroupCopy -Force} (the source is unreachable, data loss is expected), recreate the CMS on the
 * standby cluster with {@code setup.com /RecoverCMS}, mount the databases, check.
 *
 * <p>The first step's preconditions make sure the switchover is the right move before anything is activated: the CMS
 * is not serving in production (activating copies of a live CMS would split it), and every storage group has a seeded
 * standby copy on the target that has not failed.
 *
 * @param cms the clustered mailbox server
 * @param standbyNode the node of the standby cluster that holds the SCR copies and becomes the CMS's active node
 * @param cmsIpAddress the CMS's address in the standby datacenter
 * @param databases the CMS's databases, {@code CMS\Storage Group\Database}
 */
public record ScrSiteActivation(String cms, String standbyNode, String cmsIpAddress, List<String> databases) {
    /** The workflow's name. */
    public static final String NAME = "scr-site-activation";

    public ScrSiteActivation {
        Objects.requireNonNull(cms, "cms");
        Objects.requireNonNull(standbyNode, "standbyNode");
        Objects.requireNonNull(cmsIpAddress, "cmsIpAddress");
        databases = List.copyOf(databases);
        if (databases.isEmpty()) {
            throw new IllegalArgumentException("a CMS to activate has at least one database");
        }
        for (String database : databases) {
            if (database.split("\\\\").length != 3) {
                throw new IllegalArgumentException("a database is Server\\Storage Group\\Database: " + database);
            }
        }
    }

    /** The storage groups of the databases, {@code CMS\Storage Group}, in order. */
    public List<String> storageGroups() {
        Set<String> groups = new LinkedHashSet<>();
        for (String database : databases) {
            groups.add(database.substring(0, database.lastIndexOf('\\')));
        }
        return List.copyOf(groups);
    }

    /** The procedure as a workflow. */
    public Workflow workflow() {
        List<Precondition> ready = new ArrayList<>();
        ready.add(precondition("upgrade.cms-not-serving", cms + " is offline in the production datacenter",
                c -> c.cmsNotServing(cms)));
        List<String> restores = new ArrayList<>();
        for (String group : storageGroups()) {
            ready.add(precondition("upgrade.standby-copy-ready",
                    group + " has a healthy standby copy on " + standbyNode,
                    c -> c.standbyCopyReady(group, standbyNode)));
            restores.add("Restore-StorageGroupCopy \"" + group + "\" -StandbyMachine " + standbyNode
                    + " -Force -Confirm:$false");
        }
        List<String> mounts = new ArrayList<>();
        for (String database : databases) {
            mounts.add("Mount-Database \"" + database + "\"");
        }
        return Workflow.builder(NAME)
                .step("Activate the standby copies on " + standbyNode, null, ready, restores)
                .step("Recover " + cms + " on the standby cluster", standbyNode, List.of(),
                        List.of("setup.com /RecoverCMS /CMSName:" + cms + " /CMSIPAddress:" + cmsIpAddress))
                .step("Mount the databases", null, List.of(), mounts)
                .step("Check " + cms, null, List.of(precondition("upgrade.cms-online-on-node", cms + " is online on "
                                + standbyNode, c -> c.cmsOnlineOn(cms, standbyNode))),
                        List.of("Get-ClusteredMailboxServerStatus -Identity " + cms,
                                "Get-MailboxDatabase -Server " + cms + " -Status"))
                .build();
    }
}
