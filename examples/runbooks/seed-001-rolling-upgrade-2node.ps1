# Topology: seed-001-rolling-upgrade-2node.yaml
# Seed 001: the Exchange 2003 SP1 rolling upgrade of a two-node cluster. NODE2 (passive) is upgraded first; EVS1's
# Exchange resources go offline, EVS1 moves to NODE2 and Cluster Administrator's "Upgrade Exchange Virtual Server"
# raises it to SP1; then NODE1 is upgraded and EVS1 moves back to it to verify that Exchange starts there.
# Run with: ./exha run examples/runbooks/seed-001-rolling-upgrade-2node.ps1 --topology examples/topologies/seed-001-rolling-upgrade-2node.yaml

# 1. The passive node: hotfix 831464, restart, Exchange 2003 SP1, restart.
Enter-PSSession NODE2
WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart
shutdown /r /t 0 /c "KB831464 before Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE2 /status
D:\E3SP1\setup\i386\update.exe
shutdown /r /t 0 /c "Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE2 /status

# 2. EVS1: Exchange resources offline (its IP Address, Network Name and disk stay online), move it to the upgraded
#    node, upgrade it there (Cluster Administrator runs on NODE2, an upgraded node), bring it online.
cluster EXCLUSTER resource "Exchange System Attendant (EVS1)" /offline
cluster EXCLUSTER group "EVS1" /moveto:NODE2
Update-ExchangeVirtualServer "Exchange System Attendant (EVS1)"
cluster EXCLUSTER group "EVS1" /online
Get-ExchangeServer EVS1
Get-EventLog -LogName Application -Source MSExchangeIS -Newest 1 -ComputerName NODE2
Exit-PSSession

# 3. NODE1, which hosts no EVS now: hotfix 831464, restart, SP1, restart.
Enter-PSSession NODE1
WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart
shutdown /r /t 0 /c "KB831464 before Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE1 /status
D:\E3SP1\setup\i386\update.exe
shutdown /r /t 0 /c "Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE1 /status

# 4. Both nodes run SP1: move EVS1 back to NODE1 and check that Exchange starts there.
cluster EXCLUSTER group "EVS1" /moveto:NODE1
cluster EXCLUSTER group "EVS1" /status
Get-EventLog -LogName Application -Source MSExchangeIS -Newest 1 -ComputerName NODE1
Exit-PSSession
