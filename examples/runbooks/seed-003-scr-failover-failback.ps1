# Topology: seed-003-scr.yaml
# Seed 003: SCR from the CCR clustered mailbox server CCREX01 (cluster E2K7CLU01, production datacenter) to the
# standby cluster E2K7CLU02 (backup datacenter); the production datacenter is lost and CCREX01 is activated in the
# backup datacenter; then the way back, every step of the seed's part 3 with its command lines verbatim.
# Run with: ./exha run examples/runbooks/seed-003-scr-failover-failback.ps1 --topology examples/topologies/seed-003-scr.yaml

# ---- Part 1: SCR to the standby cluster's node NH-W2K3-SRV01 ------------------------------------------------------
Enable-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV01 –ReplayLagTime 0.0:0:0
Enable-StorageGroupCopy “CCREX01\Second Storage Group” –StandbyMachine NH-W2K3-SRV01 –ReplayLagTime 0.0:0:0
Start-Sleep -Seconds 600
Get-StorageGroupCopyStatus -Server CCREX01 -StandbyMachine NH-W2K3-SRV01
Get-MailboxStatistics -Server CCREX01

# ---- Part 2: the production datacenter is lost; activation in the backup datacenter ---------------------------------
# Lab control: -Force cuts both production nodes off at once.
Stop-Computer -ComputerName NH-W2K3-SRV03,NH-W2K3-SRV04 -Force -Confirm:$false
Start-Sleep -Seconds 60
Get-ClusteredMailboxServerStatus -Identity CCREX01
# The source cannot be reached: restore each copy with the logs it has (-Force; data loss is expected).
Restore-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV01 -Force -Confirm:$false
Restore-StorageGroupCopy “CCREX01\Second Storage Group” –StandbyMachine NH-W2K3-SRV01 -Force -Confirm:$false
# Recreate the CMS on the standby cluster from Active Directory; its databases mount from the restored files.
Enter-PSSession NH-W2K3-SRV01
setup.com /RecoverCMS /CMSName:CCREX01 /CMSIPAddress:192.168.20.30
Exit-PSSession
Mount-Database “CCREX01\First Storage Group\Mailbox Database”
Mount-Database “CCREX01\Second Storage Group\Public Folder Database”
Get-ClusteredMailboxServerStatus -Identity CCREX01
Get-MailboxDatabase -Server CCREX01 -Status
# The backup datacenter's CCR: the new passive node NH-W2K3-SRV05 is seeded, then the CMS moves between the nodes.
Update-StorageGroupCopy “CCREX01\First Storage Group” -DeleteExistingFiles -Confirm:$false
Update-StorageGroupCopy “CCREX01\Second Storage Group” -DeleteExistingFiles -Confirm:$false
Start-Sleep -Seconds 300
Get-StorageGroupCopyStatus -Server CCREX01
Move-ClusteredMailboxServer -Identity CCREX01 -TargetMachine NH-W2K3-SRV05 -MoveComment "Test the backup datacenter's CCR" -Confirm:$false
Move-ClusteredMailboxServer -Identity CCREX01 -TargetMachine NH-W2K3-SRV01 -MoveComment "Back to NH-W2K3-SRV01" -Confirm:$false
Start-Sleep -Seconds 600
Get-MailboxStatistics -Server CCREX01

# ---- Part 3: move back to the production datacenter ------------------------------------------------------------------
# Both production nodes come back; their cluster still holds CCREX01's resources, all offline.
Start-Computer -ComputerName NH-W2K3-SRV03,NH-W2K3-SRV04
Start-Sleep -Seconds 120
Enter-PSSession NH-W2K3-SRV03
cluster group "CCREX01" /status
# Remove the CMS's resources from the production cluster (AD, binaries and files stay).
setup.com /ClearLocalCMS /CMSName:CCREX01
Exit-PSSession

# Activate SCR to the production datacenter: the mirror of part 1.
Enable-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV03 –ReplayLagTime 0.0:0:0
Enable-StorageGroupCopy “CCREX01\Second Storage Group” –StandbyMachine NH-W2K3-SRV03 –ReplayLagTime 0.0:0:0
# Database reseed: the old files on NH-W2K3-SRV03 are from before the failover, so the copies are seeded afresh.
Update-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV03 -DeleteExistingFiles -Confirm:$false
Update-StorageGroupCopy “CCREX01\Second Storage Group” –StandbyMachine NH-W2K3-SRV03 -DeleteExistingFiles -Confirm:$false
Start-Sleep -Seconds 600
Get-StorageGroupCopyStatus -Server CCREX01 -StandbyMachine NH-W2K3-SRV03

# Dismount the databases so no new logs are generated, then prepare the copies for mounting.
Dismount-Database “CCREX01\First Storage Group\Mailbox Database”
Dismount-Database “CCREX01\Second Storage Group\Public Folder Database”
Restore-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV03
Restore-StorageGroupCopy “CCREX01\Second Storage Group” –StandbyMachine NH-W2K3-SRV03

# Stop the CMS in the backup datacenter (event 105 carries the reason).
Stop-ClusteredMailboxServer CCREX01 –StopReason “Moving back to production data center”
Get-ClusteredMailboxServerStatus -Identity CCREX01
Get-EventLog -ComputerName NH-W2K3-SRV01 -LogName Application -InstanceId 105

# Recover the CMS on NH-W2K3-SRV03 with its original IP address, and mount.
Enter-PSSession NH-W2K3-SRV03
setup.com /RecoverCMS /CMSName:CCREX01 /CMSIPAddress:192.168.10.30
Exit-PSSession
Mount-Database “CCREX01\First Storage Group\Mailbox Database”
Mount-Database “CCREX01\Second Storage Group\Public Folder Database”
Get-ClusteredMailboxServerStatus -Identity CCREX01
Get-MailboxDatabase -Server CCREX01 -Status
# Reseed the production CCR's passive node NH-W2K3-SRV04.
Update-StorageGroupCopy “CCREX01\First Storage Group” -DeleteExistingFiles -Confirm:$false
Update-StorageGroupCopy “CCREX01\Second Storage Group” -DeleteExistingFiles -Confirm:$false
Start-Sleep -Seconds 300
Get-StorageGroupCopyStatus -Server CCREX01

# Prime the backup datacenter for the next incident: clear the CMS from E2K7CLU02 and re-enable SCR to it.
Enter-PSSession NH-W2K3-SRV01
setup.com /ClearLocalCMS /CMSName:CCREX01
Exit-PSSession
Enable-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV01 –ReplayLagTime 0.0:0:0
Enable-StorageGroupCopy “CCREX01\Second Storage Group” –StandbyMachine NH-W2K3-SRV01 –ReplayLagTime 0.0:0:0
Update-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV01 -DeleteExistingFiles -Confirm:$false
Update-StorageGroupCopy “CCREX01\Second Storage Group” –StandbyMachine NH-W2K3-SRV01 -DeleteExistingFiles -Confirm:$false
Start-Sleep -Seconds 600
Get-StorageGroupCopyStatus -Server CCREX01 -StandbyMachine NH-W2K3-SRV01
Get-MailboxStatistics -Server CCREX01
