# Topology: seed-001-rolling-upgrade-4node.yaml
# Seed 001: the Exchange 2003 SP1 rolling upgrade of a four-node cluster with two EVSs. A cluster of more than two
# nodes runs one EVS per node, so an EVS only ever moves to a node that hosts none. First EVS1's pair (as in the
# two-node procedure): NODE2, EVS1 on NODE2, NODE1, EVS1 back on NODE1. Then the seed's four-node part: EVS2 goes to
# NODE2 (not NODE1, which hosts EVS1) and is upgraded there, NODE3 and NODE4 are upgraded, and EVS2 moves to NODE3 and
# then NODE4 to verify the failovers.
# Run with: ./exha run examples/runbooks/seed-001-rolling-upgrade-4node.ps1 --topology examples/topologies/seed-001-rolling-upgrade-4node.yaml

# 1. NODE2 (passive): hotfix 831464, restart, Exchange 2003 SP1, restart.
Enter-PSSession NODE2
WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart
shutdown /r /t 0 /c "KB831464 before Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE2 /status
D:\E3SP1\setup\i386\update.exe
shutdown /r /t 0 /c "Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE2 /status

# 2. EVS1: Exchange resources offline, move to NODE2, Upgrade Exchange Virtual Server, online.
cluster EXCLUSTER resource "Exchange System Attendant (EVS1)" /offline
cluster EXCLUSTER group "EVS1" /moveto:NODE2
Update-ExchangeVirtualServer "Exchange System Attendant (EVS1)"
cluster EXCLUSTER group "EVS1" /online
Exit-PSSession

# 3. NODE1, free now: hotfix 831464, restart, SP1, restart; EVS1 moves back to it.
Enter-PSSession NODE1
WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart
shutdown /r /t 0 /c "KB831464 before Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE1 /status
D:\E3SP1\setup\i386\update.exe
shutdown /r /t 0 /c "Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE1 /status
cluster EXCLUSTER group "EVS1" /moveto:NODE1
cluster EXCLUSTER group "EVS1" /status

# 4. EVS2: Exchange resources offline, move from NODE3 to NODE2 (NODE1 hosts EVS1), upgrade it there, online.
cluster EXCLUSTER resource "Exchange System Attendant (EVS2)" /offline
cluster EXCLUSTER group "EVS2" /moveto:NODE2
Exit-PSSession
Enter-PSSession NODE2
Update-ExchangeVirtualServer "Exchange System Attendant (EVS2)"
cluster EXCLUSTER group "EVS2" /online
Get-EventLog -LogName Application -Source MSExchangeIS -Newest 1 -ComputerName NODE2
Get-ExchangeServer
Exit-PSSession

# 5. NODE3 and NODE4: hotfix 831464 and a restart each, then SP1 and a restart each.
Enter-PSSession NODE3
WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart
shutdown /r /t 0 /c "KB831464 before Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE3 /status
Exit-PSSession
Enter-PSSession NODE4
WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart
shutdown /r /t 0 /c "KB831464 before Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE4 /status
Exit-PSSession
Enter-PSSession NODE3
D:\E3SP1\setup\i386\update.exe
shutdown /r /t 0 /c "Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE3 /status
Exit-PSSession
Enter-PSSession NODE4
D:\E3SP1\setup\i386\update.exe
shutdown /r /t 0 /c "Exchange 2003 SP1"
Start-Sleep -Seconds 300
cluster EXCLUSTER node NODE4 /status

# 6. When NODE3 is back in the cluster, move EVS2 to it and check the Application log; then move it to NODE4 to
#    verify that failovers work, and check again.
cluster EXCLUSTER group "EVS2" /moveto:NODE3
Get-EventLog -LogName Application -Source MSExchangeIS -Newest 1 -ComputerName NODE3
cluster EXCLUSTER group "EVS2" /moveto:NODE4
Get-EventLog -LogName Application -Source MSExchangeIS -Newest 1 -ComputerName NODE4
cluster EXCLUSTER group "EVS1" /status
cluster EXCLUSTER group "EVS2" /status
Exit-PSSession
