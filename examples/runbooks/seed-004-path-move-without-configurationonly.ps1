# Topology: seed-004-ccr.yaml
# Options: --continue-on-error
# Seed 004's path move with the -ConfigurationOnly switch forgotten at step 3. On a CCR clustered mailbox server the
# files exist on both nodes, and Move-DatabasePath cannot move them itself: it refuses and changes nothing (DOMAIN.md
# §7). Run with --continue-on-error to see that the database still has its old path and mounts from it again.
# Run with: ./exha run examples/runbooks/seed-004-path-move-without-configurationonly.ps1 --topology
#   examples/topologies/seed-004-ccr.yaml --continue-on-error

Start-Sleep -Seconds 900

# 1. Suspend the storage group copy:
Suspend-StorageGroupCopy -Identity "EXCHCCR\First Storage Group"

# 2. Dismount the database:
Dismount-Database -Identity "EXCHCCR\First Storage Group\Mailbox Database"

# 3. Move the database files, without -ConfigurationOnly: refused.
Move-DatabasePath -Identity "EXCHCCR\First Storage Group\Mailbox Database" -EdbFilePath "F:\Databases\Mailbox Database.edb"

# Nothing changed: the path is the old one, the file is still there on both nodes.
Get-MailboxDatabase -Server EXCHCCR -Status | fl
Enter-PSSession NODE1
dir "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group\Mailbox Database.edb"
Exit-PSSession
Enter-PSSession NODE2
dir "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group\Mailbox Database.edb"
Exit-PSSession

# Back to service from the old paths.
Mount-Database -Identity "EXCHCCR\First Storage Group\Mailbox Database"
Resume-StorageGroupCopy -Identity "EXCHCCR\First Storage Group"
Start-Sleep -Seconds 300
Get-StorageGroupCopyStatus -Identity "EXCHCCR\First Storage Group"
