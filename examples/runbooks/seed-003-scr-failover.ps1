# Topology: seed-003-scr.yaml
# Seed 003 (parts 1-2): SCR from the CCR clustered mailbox server CCREX01 to the standby cluster E2K7CLU02, the loss of
# the production datacenter, and the activation of CCREX01 in the backup datacenter.
# Run with: ./exha run examples/runbooks/seed-003-scr-failover.ps1 --topology examples/topologies/seed-003-scr.yaml
# The seed's Enable-StorageGroupCopy line, with the standby node of the backup datacenter as the target.
Enable-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV01 –ReplayLagTime 0.0:0:0
Start-Sleep -Seconds 600
Get-StorageGroupCopyStatus -Server CCREX01 -StandbyMachine NH-W2K3-SRV01
Get-MailboxStatistics -Server CCREX01

# The production datacenter is lost (lab control: -Force cuts both nodes off at once).
Stop-Computer -ComputerName NH-W2K3-SRV03,NH-W2K3-SRV04 -Force -Confirm:$false
Start-Sleep -Seconds 60
Get-ClusteredMailboxServerStatus -Identity CCREX01

# Activation: the source cannot be reached, so the copy is restored with the logs it has (-Force, data loss expected).
Restore-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV01 -Force -Confirm:$false

# Recreate the CMS on the standby cluster from Active Directory; its database mounts from the restored files.
Enter-PSSession NH-W2K3-SRV01
setup.com /RecoverCMS /CMSName:CCREX01 /CMSIPAddress:192.168.20.30
Exit-PSSession
Mount-Database “CCREX01\First Storage Group\Mailbox Database”
Get-ClusteredMailboxServerStatus -Identity CCREX01
Get-MailboxDatabase -Server CCREX01 -Status
Start-Sleep -Seconds 600
Get-MailboxStatistics -Server CCREX01
