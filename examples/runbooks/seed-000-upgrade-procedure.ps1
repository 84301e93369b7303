# Topology: seed-000-san-dr.yaml
# Seed 000: the procedure that lets /upgradeCMS complete on both clustered mailbox servers when the SAN replicates
# Exchange-Main's LUNs to the LUNs of Exchange-DR: break the replication, let Exchange-DR use its LUNs, upgrade both
# CMSs, then give the LUNs back to the replication with the source winning.
# Run with: ./exha run examples/runbooks/seed-000-upgrade-procedure.ps1 --topology examples/topologies/seed-000-san-dr.yaml
# The nodes upgrade to the topology's media (Exchange 2007 SP2).

# The change window opens with mail flowing; Exchange-DR has given up on its read-only disks (Failed).
Start-Sleep -Seconds 900
Get-SanReplication -Group EXCH-CG
Get-ClusteredMailboxServerStatus -Identity Exchange-DR

# "Following SAN vendor recommendations replication was suspended between the Exchange-Main and Exchange-DR."
Suspend-SanReplication -Group EXCH-CG -Confirm:$false
# "Mark LUNs on the remote SAN as Read / Write (allowing Exchange-DR full access to storage)."
Set-SanLunAccess -Array SAN-DR -Lun EXCH-DATA-R -Access ReadWrite -Confirm:$false
Set-SanLunAccess -Array SAN-DR -Lun EXCH-LOGS-R -Access ReadWrite -Confirm:$false
Get-SanReplication -Group EXCH-CG
# "Databases on the secondary CMS were set to 'Allow this database to be overwritten by a restore'"
Get-MailboxDatabase –server Exchange-DR | Set-MailboxDatabase –allowfilerestore:$TRUE

# "Complete the upgrade process on Exchange-Main which will fully bring resources online."
Enter-PSSession -ComputerName MAINNODE2
setup.com /mode:upgrade
Exit-PSSession
Move-ClusteredMailboxServer -Identity Exchange-Main -TargetMachine MAINNODE2 -MoveComment "Exchange 2007 SP2" -Confirm:$false
Stop-ClusteredMailboxServer -Identity Exchange-Main -StopReason "Exchange 2007 SP2: setup /upgradeCMS"
Enter-PSSession -ComputerName MAINNODE2
setup.com /upgradeCMS
Exit-PSSession
Enter-PSSession -ComputerName MAINNODE1
setup.com /mode:upgrade
Exit-PSSession
Get-ClusteredMailboxServerStatus -Identity Exchange-Main

# "Complete the upgrade process on Exchange-DR which will fully bring resources online." Its group is failed on
# DRNODE2 (the disks were read-only when the lab started), so /upgradeCMS runs there.
Enter-PSSession -ComputerName DRNODE1
setup.com /mode:upgrade
Exit-PSSession
Enter-PSSession -ComputerName DRNODE2
setup.com /mode:upgrade
setup.com /upgradeCMS
Exit-PSSession
Get-ClusteredMailboxServerStatus -Identity Exchange-DR
Get-MailboxDatabase -Server Exchange-DR -Status
Get-ExchangeServer

# Both CMSs are online and the DR databases no longer equal the main ones. "Stop the resources on Exchange-DR."
Stop-ClusteredMailboxServer -Identity Exchange-DR -StopReason "Exchange 2007 SP2 deployed; back to standby"
# "Mark replicated LUNS on the remote SAN as Read Only (preventing Exchange-DR access to the storage)."
Set-SanLunAccess -Array SAN-DR -Lun EXCH-DATA-R -Access ReadOnly -Confirm:$false
Set-SanLunAccess -Array SAN-DR -Lun EXCH-LOGS-R -Access ReadOnly -Confirm:$false
# "re-establish replication between the source and remote SANs ensuring that the SOURCE SAN is utilized for data
# synchronization."
Resume-SanReplication -Group EXCH-CG -Direction SourceToTarget -Confirm:$false
Start-Sleep -Seconds 900
Get-SanReplication -Group EXCH-CG
Get-ClusteredMailboxServerStatus -Identity Exchange-Main
Get-ClusteredMailboxServerStatus -Identity Exchange-DR
Get-MailboxStatistics -Server Exchange-Main
