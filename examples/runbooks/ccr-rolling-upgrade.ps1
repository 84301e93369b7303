# Topology: ccr-rolling-upgrade.yaml
# A rolling service-pack upgrade of the CCR clustered mailbox server CCRCMS from Exchange 2007 SP1 to the SP2 media
# (DOMAIN.md §4): upgrade the passive node, move the CMS to it, stop the CMS, upgrade the CMS with setup /UpgradeCMS,
# upgrade the former active node. Mail flows throughout; no acknowledged message is lost.
# Run with: ./exha run examples/runbooks/ccr-rolling-upgrade.ps1 --topology examples/topologies/ccr-rolling-upgrade.yaml

Start-Sleep -Seconds 600
Get-ExchangeServer
Get-ClusteredMailboxServerStatus -Identity CCRCMS
Get-StorageGroupCopyStatus -Server CCRCMS

# 1. The passive node takes the new binaries; the CMS keeps running on NODE1.
Enter-PSSession -ComputerName NODE2
setup.com /mode:upgrade
Exit-PSSession
Start-Sleep -Seconds 120
Get-StorageGroupCopyStatus -Server CCRCMS

# 2. The CMS moves to the upgraded node (a planned move: every log is copied first, nothing is lost).
Move-ClusteredMailboxServer -Identity CCRCMS -TargetMachine NODE2 -MoveComment "Exchange 2007 SP2 rolling upgrade" -Confirm:$false
Get-ClusteredMailboxServerStatus -Identity CCRCMS

# 3. and 4. The CMS stops, and setup upgrades it on the node that owns it; /UpgradeCMS brings it online at its end.
Stop-ClusteredMailboxServer -Identity CCRCMS -StopReason "Exchange 2007 SP2: setup /UpgradeCMS"
Enter-PSSession -ComputerName NODE2
setup.com /UpgradeCMS
Exit-PSSession
Get-ClusteredMailboxServerStatus -Identity CCRCMS

# 5. The former active node, now passive, takes the new binaries.
Enter-PSSession -ComputerName NODE1
setup.com /mode:upgrade
Exit-PSSession

# 6. The CMS runs: /UpgradeCMS started it already (Start-ClusteredMailboxServer is only needed when it is stopped).
# Both nodes run SP2 now, and the CMS can go back to its original node.
Start-Sleep -Seconds 300
Get-StorageGroupCopyStatus -Server CCRCMS
Move-ClusteredMailboxServer -Identity CCRCMS -TargetMachine NODE1 -MoveComment "Exchange 2007 SP2 deployed" -Confirm:$false
Start-Sleep -Seconds 600
Get-ClusteredMailboxServerStatus -Identity CCRCMS
Get-StorageGroupCopyStatus -Server CCRCMS
Get-ExchangeServer
Get-MailboxStatistics -Server CCRCMS
