# Topology: seed-004-ccr.yaml
# Options: --continue-on-error
# Seed 004's manual file move done too early, while the database is still mounted: the Information Store (store.exe)
# holds the database file open, so Windows refuses to move it ("The process cannot access the file because it is
# being used by another process.", error 32) and the database keeps running from where it was. Suspend the copy and
# dismount the database first (steps 1 and 2), then change the paths (3 and 4), then move the files.
# Run with: ./exha run examples/runbooks/seed-004-move-files-while-mounted.ps1 --topology
#   examples/topologies/seed-004-ccr.yaml --continue-on-error

Start-Sleep -Seconds 600
Enter-PSSession NODE1
mkdir F:\Databases
move "C:\Program Files\Microsoft\Exchange Server\Mailbox\First Storage Group\Mailbox Database.edb" F:\Databases
dir F:\Databases
Exit-PSSession
Start-Sleep -Seconds 600
Get-MailboxDatabase -Server EXCHCCR -Status | fl
Get-StorageGroupCopyStatus -Identity "EXCHCCR\First Storage Group"
