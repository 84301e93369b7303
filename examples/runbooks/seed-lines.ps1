# Topology: none
# Options: --continue-on-error
# Every command line the seed articles publish, verbatim (dashes and curly quotes as printed).
# `exha parse` accepts this file; most of these commands arrive with the Exchange, replication and cluster modules.
Get-MailboxDatabase –server Exchange-DR | Set-MailboxDatabase –allowfilerestore:$TRUE
Enable-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV03 –ReplayLagTime 0.0:0:0
Dismount-Database “CCREX01\Second Storage Group\Public Folder Database” –Confirm:$false
Restore-StorageGroupCopy “CCREX01\First Storage Group” –StandbyMachine NH-W2K3-SRV03 –Force
Stop-ClusteredMailboxServer CCREX01 –StopReason “Moving back to production data center”
Move-ClusteredMailboxServer -Identity exchcms -TargetMachine exchmailbox2 -MoveComment Testing
Get-ClusteredMailboxServerStatus
Get-StorageGroup
Setup.com /ClearLocalCMS /CMSName:CCREX01
setup.com /RecoverCMS /CMSName:CCREX01 /CMSIPAddress:192.168.10.50
setup.com /upgradeCMS
ServerManagerCmd -i Web-ISAPI-Ext
CACLS C:\ FSW_CCR_MAIL /G BUILTIN\Administrators:F CCRCLUSTER$:F
Suspend-StorageGroupCopy -Identity "CCR01\First Storage Group"
Move-DatabasePath -Identity "CCR01\First Storage Group\Mailbox Database" -EdbFilePath "F:\DB\Mailbox Database.edb" -ConfigurationOnly
Move-StorageGroupPath -Identity:"CCR01\First Storage Group" -LogFolderPath:"G:\Logs\SG1" -SystemFolderPath:"G:\Logs\SG1" -ConfigurationOnly
Mount-Database -Identity "CCR01\First Storage Group\Mailbox Database"
Resume-StorageGroupCopy -Identity "CCR01\First Storage Group"
cluster group "EVS2" /moveto:Node2
