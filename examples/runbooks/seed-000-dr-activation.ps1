# Topology: seed-000-san-dr.yaml
# Seed 000: activate the DR site of a single copy cluster protected by SAN replication.
# Run with: ./exha run examples/runbooks/seed-000-dr-activation.ps1 --topology examples/topologies/seed-000-san-dr.yaml
# Exchange-Main (MAINCLUSTER, SAN-MAIN) serves the users; the arrays replicate its LUNs synchronously to SAN-DR, where
# the standby CMS Exchange-DR (DRCLUSTER) has its Physical Disks on the read-only replicas and so stays offline.

# Before the disaster: the replicas are in sync, read-only, and carry Exchange-Main's storage group and database.
Get-SanReplication -Server Exchange-Main
Start-Sleep -Seconds 600
Get-ClusteredMailboxServerStatus -Identity Exchange-DR
Get-MailboxStatistics -Server Exchange-Main

# The main site is lost: its array loses power, and with it the disks of Exchange-Main.
Stop-SanArray -Array SAN-MAIN -Confirm:$false
Start-Sleep -Seconds 120
Get-ClusteredMailboxServerStatus -Identity Exchange-Main
Get-SanReplication -Group EXCH-CG

# At DR: make the replicated LUNs read/write (promote the target of the consistency group).
Invoke-SanFailover -Server Exchange-DR -Confirm:$false
Get-SanReplication -Array SAN-DR

# "When it was necessary to activate the solution databases would be marked as 'Allow this database to be overwritten
# by a restore' and then mounted."
Get-MailboxDatabase –server Exchange-DR | Set-MailboxDatabase –allowfilerestore:$TRUE
Start-ClusteredMailboxServer -Identity Exchange-DR
Get-ClusteredMailboxServerStatus -Identity Exchange-DR
Get-MailboxDatabase -Server Exchange-DR -Status

# "Mailboxes would be moved utilizing the move-mailbox -configurationOnly to restore client access to the replicated
# databases."
Get-Mailbox -Database "Exchange-Main\First Storage Group\Mailbox Database" | Move-Mailbox -ConfigurationOnly -TargetDatabase "Exchange-DR\First Storage Group\Mailbox Database" -Confirm:$false
Get-Mailbox -Database "Exchange-DR\First Storage Group\Mailbox Database"
Start-Sleep -Seconds 600
Get-MailboxStatistics -Server Exchange-DR
