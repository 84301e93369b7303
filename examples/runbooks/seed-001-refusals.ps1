# Topology: seed-001-evs-rolling-upgrade.yaml
# Options: --continue-on-error
# Seed 001: the two moves an Exchange 2003 rolling service-pack upgrade must not make, each refused as the article says.
# Run with: ./exha run examples/runbooks/seed-001-refusals.ps1 --topology examples/topologies/seed-001-evs-rolling-upgrade.yaml --continue-on-error
# NODE1 and NODE2 run Exchange 2003 SP1, NODE3 and NODE4 still RTM; EVS1 (upgraded to SP1) is on NODE1, EVS2 (RTM) on NODE3.

Enter-PSSession NODE2
cluster EXCLUSTER group "EVS1" /status
cluster EXCLUSTER group "EVS2" /status

# A cluster of more than two nodes runs one EVS per node: moving EVS2 to NODE1, which hosts EVS1, fails with 5018.
cluster EXCLUSTER group "EVS2" /moveto:NODE1

# EVS1 is at SP1 and NODE4 has not been upgraded yet: its System Attendant refuses to start there.
cluster EXCLUSTER group "EVS1" /moveto:NODE4

# What the article does instead: EVS2 goes to NODE2, an upgraded node that hosts no EVS.
cluster EXCLUSTER group "EVS2" /moveto:NODE2
cluster EXCLUSTER group "EVS1" /status
cluster EXCLUSTER group "EVS2" /status
Exit-PSSession
