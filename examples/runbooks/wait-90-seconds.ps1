# Topology: none
# Waits 90 seconds of virtual time: the smallest runbook.
Start-Sleep -Seconds 90
