# Topology: seed-000-san-dr.yaml
# Seed 000: deploying a service pack to both clustered mailbox servers without touching the SAN replication.
# Run with: ./exha run examples/runbooks/seed-000-naive-upgrade.ps1 --topology examples/topologies/seed-000-san-dr.yaml
# The nodes upgrade to the topology's media (Exchange 2007 SP2). Exchange-Main upgrades as any single copy cluster does;
# Exchange-DR's /upgradeCMS cannot complete: its Physical Disks sit on the read-only replica LUNs, so the group setup
# brings online at the end of the upgrade fails, the upgrade fails and setup's watermark stays in the registry.
# This run exits 1 at that step; see seed-000-upgrade-procedure.ps1 for the seed's procedure.

# The change window opens with mail flowing; Exchange-DR has given up on its read-only disks (Failed).
Start-Sleep -Seconds 900
Get-ExchangeServer
Get-ClusteredMailboxServerStatus -Identity Exchange-DR

# Exchange-Main: the passive node first, then the CMS moves there, stops, and is upgraded; then the former active node.
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

# Exchange-DR does not run (its disks are read-only; the cluster left its failed group on DRNODE2), so both of its
# nodes take the binaries at once, and /upgradeCMS runs on DRNODE2, the node that owns the CMS.
Enter-PSSession -ComputerName DRNODE1
setup.com /mode:upgrade
Exit-PSSession
Enter-PSSession -ComputerName DRNODE2
setup.com /mode:upgrade
setup.com /upgradeCMS
Exit-PSSession

# Not reached in a normal run (it stops at the failed step); with --continue-on-error: the retry resumes from the
# watermark and fails the same way, and Exchange-DR is left failed.
Enter-PSSession -ComputerName DRNODE2
setup.com /upgradeCMS
Exit-PSSession
Get-ClusteredMailboxServerStatus -Identity Exchange-DR
Get-ExchangeServer
