# Topology: seed-004-ccr.yaml
# Seed 004's path move on a CCR clustered mailbox server, with mail flowing: the database goes to F:\Databases, the
# logs and system files to E:\Logs, on disks with the same drive letters on both nodes. In CCR, Move-DatabasePath and
# Move-StorageGroupPath change only Active Directory (-ConfigurationOnly): the files are moved by hand, on the active
# node and on the passive one, between steps 4 and 5. Mail for the users queues while the database is dismounted and
# is delivered once it is mounted from the new paths; no acknowledged message is lost.
# Run with: ./exha run examples/runbooks/seed-004-path-move.ps1 --topology examples/topologies/seed-004-ccr.yaml

# Mail has been flowing for a while and the copy on NODE2 is healthy.
Start-Sleep -Seconds 900
Get-StorageGroupCopyStatus -Identity "EXCHCCR\First Storage Group"
Get-MailboxStatistics -Server EXCHCCR

# 1. Suspend the storage group copy:
Suspend-StorageGroupCopy -Identity "EXCHCCR\First Storage Group"

# 2. Dismount the database:
Dismount-Database -Identity "EXCHCCR\First Storage Group\Mailbox Database"

# 3. Move the database files:
Move-DatabasePath -Identity "EXCHCCR\First Storage Group\Mailbox Database" -EdbFilePath "F:\Databases\Mailbox Database.edb" -ConfigurationOnly

# 4. Move the logfiles folder path:
Move-StorageGroupPath -Identity:"EXCHCCR\First Storage Group" -LogFolderPath:"E:\Logs" -SystemFolderPath:"E:\Logs" -ConfigurationOnly

# The files, by hand, on the active node...
Enter-PSSession NODE1
mkdir F:\Databases
mkdir E:\Logs
move "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group\Mailbox Database.edb" F:\Databases
move "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group\*.*" E:\Logs
Exit-PSSession

# ...and on the passive node.
Enter-PSSession NODE2
mkdir F:\Databases
mkdir E:\Logs
move "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group\Mailbox Database.edb" F:\Databases
move "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group\*.*" E:\Logs
Exit-PSSession

# 5. Mount the database:
Mount-Database -Identity "EXCHCCR\First Storage Group\Mailbox Database"

# 6. Resume the storage group copy:
Resume-StorageGroupCopy -Identity "EXCHCCR\First Storage Group"

# 7. Check that replication is occurring and the replication status is healthy.
Start-Sleep -Seconds 900
Get-StorageGroupCopyStatus -Identity "EXCHCCR\First Storage Group" | fl
Get-ClusteredMailboxServerStatus -Identity EXCHCCR
Get-MailboxDatabase -Server EXCHCCR -Status | fl
Get-StorageGroup -Identity "EXCHCCR\First Storage Group" | fl
Get-MailboxStatistics -Server EXCHCCR

# The files are at the new paths on both nodes, and no longer at the old ones.
Enter-PSSession NODE1
dir F:\Databases
dir E:\Logs
dir "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group"
Exit-PSSession
Enter-PSSession NODE2
dir F:\Databases
dir E:\Logs
dir "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group"
Exit-PSSession
