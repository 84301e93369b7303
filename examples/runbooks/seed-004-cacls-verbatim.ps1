# Topology: seed-004-bare-hosts.yaml
# Seed 004's cacls line exactly as the article prints it. The space in "C:\ FSW_CCR_MAIL" makes two arguments, which
# cacls.exe refuses (ERROR_BAD_ARGUMENTS, 160) before touching anything; exha does the same and says why.
# Run with: ./exha run examples/runbooks/seed-004-cacls-verbatim.ps1 --topology examples/topologies/seed-004-bare-hosts.yaml
Enter-PSSession HUB1
mkdir C:\FSW_CCR_MAIL
CACLS C:\ FSW_CCR_MAIL /G BUILTIN\Administrators:F CCRCLUSTER$:F
