# Topology: seed-004-bare-hosts.yaml
# Seed 004: build an Exchange 2007 SP3 CCR clustered mailbox server from two bare Windows Server 2008 hosts: the
# two-node cluster with a file share witness, validated, then the active and the passive clustered mailbox roles.
# Run with: ./exha run examples/runbooks/seed-004-ccr-build.ps1 --topology examples/topologies/seed-004-bare-hosts.yaml
# The wizards of the article map to command lines: Add Features -> ServerManagerCmd, Create Cluster -> cluster /create,
# Add Node -> cluster /add, renaming networks and unticking "allow clients" -> cluster network /rename and /prop Role=1,
# Configure Cluster Quorum Settings -> cluster /quorum; Exchange setup's custom installation with the active clustered
# mailbox role, cluster continuous replication, the CMS's name and IP -> setup.com /mode:install /roles:Mailbox /NewCms
# /CMSName /CMSIPAddress (no /CMSSharedStorage: CCR), and the passive clustered mailbox role -> setup.com /mode:install
# /roles:Mailbox on the second node. The CMS's name and IP differ from the cluster's, as the article insists.

# Failover Clustering on both nodes.
Enter-PSSession NODE1
ServerManagerCmd -i Failover-Clustering
Exit-PSSession
Enter-PSSession NODE2
ServerManagerCmd -i Failover-Clustering
Exit-PSSession

# "Validate a configuration", storage unchecked: a CCR cluster has no shared storage.
Enter-PSSession NODE1
Test-Cluster -Node NODE1,NODE2 -Include Inventory,Network,"System Configuration"

# Create the cluster on one node, then add the second.
cluster /cluster:CCRCLUSTER /create /nodes:"NODE1" /ipaddress:192.168.10.20/255.255.255.0
cluster /cluster:CCRCLUSTER /add /nodes:"NODE2"

# Name the networks after their function; the heartbeat network does not allow clients.
cluster CCRCLUSTER network "Cluster Network 1" /rename:Public
cluster CCRCLUSTER network "Cluster Network 2" /rename:Heartbeat
cluster CCRCLUSTER network "Heartbeat" /prop Role=1

# The Exchange 2007 prerequisites, on each node.
ServerManagerCmd -i Web-Server
ServerManagerCmd -i Web-ISAPI-Ext
ServerManagerCmd -i Web-Metabase
ServerManagerCmd -i Web-Lgcy-Mgmt-Console
ServerManagerCmd -i Web-Basic-Auth
ServerManagerCmd -i Web-Windows-Auth
Exit-PSSession
Enter-PSSession NODE2
ServerManagerCmd -i Web-Server
ServerManagerCmd -i Web-ISAPI-Ext
ServerManagerCmd -i Web-Metabase
ServerManagerCmd -i Web-Lgcy-Mgmt-Console
ServerManagerCmd -i Web-Basic-Auth
ServerManagerCmd -i Web-Windows-Auth
Exit-PSSession

# The file share witness on the Hub Transport server: the cluster account CCRCLUSTER$ needs Full Control through
# both the share and the folder. (The article's own line, CACLS C:\ FSW_CCR_MAIL ..., has a space inside the path,
# which cacls refuses; see seed-004-cacls-verbatim.ps1.)
Enter-PSSession HUB1
mkdir C:\FSW_CCR_MAIL
net share FSW_CCR_MAIL=C:\FSW_CCR_MAIL /GRANT:CCRCLUSTER$,FULL
CACLS C:\FSW_CCR_MAIL /G BUILTIN\Administrators:F CCRCLUSTER$:F
Exit-PSSession

# Node and File Share Majority, then validate the cluster built (storage skipped again).
Enter-PSSession NODE1
cluster /cluster:CCRCLUSTER /quorum:\\HUB1\FSW_CCR_MAIL
Test-Cluster -Cluster CCRCLUSTER -Ignore Storage
cluster CCRCLUSTER group "Cluster Group" /status
Exit-PSSession

# The active clustered mailbox role on NODE1 (cluster continuous replication), then a reboot, as the article does.
Enter-PSSession NODE1
setup.com /mode:install /roles:Mailbox /NewCms /CMSName:EXCHCCR /CMSIPAddress:192.168.10.30
shutdown /r /t 0 /c "Exchange 2007 SP3 active clustered mailbox role installed"
Exit-PSSession
Start-Sleep -Seconds 300
Enter-PSSession NODE1
cluster CCRCLUSTER node NODE1 /status
Exit-PSSession

# The passive clustered mailbox role on NODE2; the replication service seeds its copy of the storage group.
Enter-PSSession NODE2
setup.com /mode:install /roles:Mailbox
Exit-PSSession

# Finishing up: the clustered mailbox server is online on NODE1, its copy on NODE2 healthy.
Start-Sleep -Seconds 120
Get-ExchangeServer
Get-ClusteredMailboxServerStatus -Identity EXCHCCR
Get-StorageGroup -Server EXCHCCR
Get-MailboxDatabase -Server EXCHCCR -Status
Get-StorageGroupCopyStatus -Identity "EXCHCCR\First Storage Group"
