package io.github.exha.upgrade.procedure;

import static io.github.exha.upgrade.procedure.UpgradeChecks.precondition;

import io.github.exha.upgrade.workflow.Precondition;
import io.github.exha.upgrade.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seed 004's seven-step move of a CCR storage group's database and log paths (DOMAIN.md §7): suspend the copy,
 * dismount, {@code Move-DatabasePath} and {@code Move-StorageGroupPath} with {@code -ConfigurationOnly} (Exchange
 * refuses the file move on a CCR server), move the files by hand on the active <em>and</em> the passive node, mount,
 * resume, check. The preconditions hold the order: both nodes have the new drives (the letters must match), the copy is
 * suspended before the database goes down, the database is dismounted before its paths change and its files move.
 *
 * @param cms the CCR clustered mailbox server
 * @param storageGroup the storage group's name ({@code First Storage Group})
 * @param database the database's name ({@code Mailbox Database})
 * @param oldFolder the folder holding the database file, the logs and the system files now
 * @param newDatabaseFolder where the database file goes
 * @param newLogFolder where the logs and system files go
 * @param nodes the CMS's nodes, active first
 */
public record StorageGroupPathMove(String cms, String storageGroup, String database, String oldFolder,
        String newDatabaseFolder, String newLogFolder, List<String> nodes) {
    /** The workflow's name. */
    public static final String NAME = "storage-group-path-move";

    /** Validates the parameters and copies the nodes. */
    public StorageGroupPathMove {
        Objects.requireNonNull(cms, "cms");
        Objects.requireNonNull(storageGroup, "storageGroup");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(oldFolder, "oldFolder");
        Objects.requireNonNull(newDatabaseFolder, "newDatabaseFolder");
        Objects.requireNonNull(newLogFolder, "newLogFolder");
        nodes = List.copyOf(nodes);
        if (nodes.size() != 2) {
            throw new IllegalArgumentException("a CCR clustered mailbox server has two nodes, not " + nodes);
        }
    }

    /** The procedure as a workflow: the seed's seven steps, the file moves on each node between steps 4 and 5. */
    public Workflow workflow() {
        String group = cms + "\\" + storageGroup;
        String db = group + "\\" + database;
        String edb = database + ".edb";
        List<Precondition> drives = new ArrayList<>();
        for (String node : nodes) {
            for (String folder : List.of(newDatabaseFolder, newLogFolder)) {
                String drive = folder.substring(0, 2);
                drives.add(precondition("upgrade.drive-present", node + " has drive " + drive,
                        c -> c.hasDrive(node, drive)));
            }
        }
        drives.add(precondition("upgrade.copies-allow-move", "the copy of " + group + " is healthy",
                c -> c.copiesAllowMove(cms, nodes.get(1))));
        Workflow.Builder builder = Workflow.builder(NAME)
                .step("1. Suspend the storage group copy", null, drives,
                        List.of("Suspend-StorageGroupCopy -Identity \"" + group + "\" -Confirm:$false"))
                .step("2. Dismount the database", null, List.of(
                        precondition("upgrade.copies-suspended", "the copy of " + group + " is suspended",
                                c -> c.copiesSuspended(group))),
                        List.of("Dismount-Database -Identity \"" + db + "\" -Confirm:$false"))
                .step("3. Move the database path", null, List.of(dismounted(db)),
                        List.of("Move-DatabasePath -Identity \"" + db + "\" -EdbFilePath \"" + newDatabaseFolder + "\\"
                                + edb + "\" -ConfigurationOnly -Confirm:$false"))
                .step("4. Move the log and system folder paths", null, List.of(dismounted(db)),
                        List.of("Move-StorageGroupPath -Identity \"" + group + "\" -LogFolderPath \"" + newLogFolder
                                + "\" -SystemFolderPath \"" + newLogFolder + "\" -ConfigurationOnly -Confirm:$false"));
        for (String node : nodes) {
            builder.step("Move the files on " + node, node, List.of(dismounted(db)), List.of(
                    "mkdir \"" + newDatabaseFolder + "\"",
                    "mkdir \"" + newLogFolder + "\"",
                    "move \"" + oldFolder + "\\" + edb + "\" \"" + newDatabaseFolder + "\"",
                    "move \"" + oldFolder + "\\*.*\" \"" + newLogFolder + "\""));
        }
        return builder
                .step("5. Mount the database", null, List.of(dismounted(db)),
                        List.of("Mount-Database -Identity \"" + db + "\""))
                .step("6. Resume the storage group copy", null, List.of(
                        precondition("upgrade.database-mounted", db + " is mounted",
                                c -> c.databaseMounted(db, true))),
                        List.of("Resume-StorageGroupCopy -Identity \"" + group + "\""))
                .step("7. Check that replication is healthy", null, List.of(),
                        List.of("Start-Sleep -Seconds 300", "Get-StorageGroupCopyStatus -Identity \"" + group + "\""))
                .build();
    }

    private static Precondition dismounted(String db) {
        return precondition("upgrade.database-dismounted", db + " is dismounted", c -> c.databaseMounted(db, false));
    }
}
