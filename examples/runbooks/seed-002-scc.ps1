# Topology: seed-002-scc.yaml
# Seed 002: install an Exchange 2007 single copy cluster, look at it from the Exchange Management Shell and move the
# clustered mailbox server to the passive node; mail keeps flowing (the topology's workload delivers all along).
# Run with: ./exha run examples/runbooks/seed-002-scc.ps1 --topology examples/topologies/seed-002-scc.yaml
# The Windows cluster EXCHCLUSTER (EXCHMAILBOX1, EXCHMAILBOX2, shared disk F: on SAN1) exists; EXCHMAILBOX is the
# existing stand-alone server. Setup's wizard choices map to switches: Active Clustered Mailbox Role -> /NewCms,
# Single Copy Cluster -> /CMSSharedStorage, the database path on a shared disk -> /CMSDataPath, the IP -> /CMSIPAddress.

# The active node.
Enter-PSSession EXCHMAILBOX1
Setup.com /mode:install /roles:Mailbox /NewCms /CMSName:EXCHCMS /CMSIPAddress:192.168.10.30 /CMSSharedStorage /CMSDataPath:"F:\Exchange Server\Mailbox"
Exit-PSSession

# The passive node: Passive Clustered Mailbox Role.
Enter-PSSession EXCHMAILBOX2
Setup.com /mode:install /roles:Mailbox
Exit-PSSession

# Users on the clustered mailbox server; the workload sends them mail from now on.
New-Mailbox -Name "Alan Reid" -Alias alan -Database "EXCHCMS\First Storage Group\Mailbox Database" -UserPrincipalName alan@contoso.com
New-Mailbox -Name "Bea Lam" -Alias bea -Database "EXCHCMS\First Storage Group\Mailbox Database" -UserPrincipalName bea@contoso.com
New-Mailbox -Name "Carl Dunn" -Alias carl -Database "EXCHCMS\First Storage Group\Mailbox Database" -UserPrincipalName carl@contoso.com
Start-Sleep -Seconds 900

# The clustered mailbox server looks like any other mailbox server.
Get-StorageGroup
Get-ClusteredMailboxServerStatus
Get-MailboxStatistics -Server EXCHCMS

# Move it with the shell, not Cluster Administrator.
Move-ClusteredMailboxServer -Identity exchcms -TargetMachine exchmailbox2 -MoveComment Testing
Get-ClusteredMailboxServerStatus
Get-MailboxDatabase -Server EXCHCMS -Status
Start-Sleep -Seconds 900

# Mail kept arriving on the new node.
Get-MailboxStatistics -Server EXCHCMS
Get-EventLog -LogName Application -Source MSExchangeIS -Newest 5
