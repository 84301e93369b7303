# Topology: ccr-rolling-upgrade.yaml
# The rolling service-pack upgrade of ccr-rolling-upgrade.ps1 with step 4, setup /UpgradeCMS, forgotten: both nodes
# end up with the Exchange 2007 SP2 binaries while the CMS is still SP1 in Active Directory. The versions do not match
# and the CMS does not start: this run exits 1 at Start-ClusteredMailboxServer.
# Run with: ./exha run examples/runbooks/ccr-rolling-upgrade-without-upgradecms.ps1 --topology examples/topologies/ccr-rolling-upgrade.yaml

Start-Sleep -Seconds 600
Enter-PSSession -ComputerName NODE2
setup.com /mode:upgrade
Exit-PSSession
Move-ClusteredMailboxServer -Identity CCRCMS -TargetMachine NODE2 -MoveComment "Exchange 2007 SP2 rolling upgrade" -Confirm:$false
Stop-ClusteredMailboxServer -Identity CCRCMS -StopReason "Exchange 2007 SP2"
# (setup.com /UpgradeCMS on NODE2 belongs here)
Enter-PSSession -ComputerName NODE1
setup.com /mode:upgrade
Exit-PSSession
Start-ClusteredMailboxServer -Identity CCRCMS

# With --continue-on-error: the CMS is failed, and running the forgotten step on its node repairs it.
Get-ClusteredMailboxServerStatus -Identity CCRCMS
Enter-PSSession -ComputerName NODE2
setup.com /UpgradeCMS
Exit-PSSession
Get-ClusteredMailboxServerStatus -Identity CCRCMS
