package io.github.exha.exchange.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.ExchangeModule;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ServerKind;
import org.junit.jupiter.api.Test;

class ExchangeTopologyTest {
    private static final String HOSTS = """
            name: t
            seed: 5
            hosts:
              - name: EX1
                site: Site1
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2 }
                nics: [{ name: Public, network: Public, address: 192.168.1.10, prefix: 24 }]
              - name: NODE1
                site: Site1
                domain: contoso.com
                os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2 }
                features: [Failover-Clustering]
                nics: [{ name: Public, network: Public, address: 192.168.1.11, prefix: 24 }]
            clusters:
              - name: CLUS
                ip: 192.168.1.20
                version: WINDOWS_2003
                nodes: [NODE1]
                networks: [{ name: Public, role: MIXED, allowClients: true }]
                quorum: { model: MAJORITY_NODE_SET }
            """;

    private static ExchangeDirectory directory(String exchange) {
        Lab lab = Lab.create(LabSpec.of(TopologySource.text("lab.yaml", HOSTS + exchange)), new ClusterModule(),
                new ExchangeModule());
        return lab.instance(ExchangeDirectory.class);
    }

    @Test
    void theSectionBuildsServersStorageGroupsDatabasesAndNumberedMailboxes() {
        ExchangeDirectory directory = directory("""
                exchange:
                  organization: { name: Contoso, domain: contoso.com }
                  servers:
                    - { name: EX1, build: 2007 SP1, roles: [Mailbox, HubTransport] }
                    - { name: EVS1, build: 2003 SP2, evs: { cluster: CLUS, ip: 192.168.1.31 } }
                  storageGroups:
                    - { server: EX1, name: First Storage Group, logFolderPath: 'C:\\SG1' }
                  databases:
                    - { storageGroup: EX1\\First Storage Group, name: Mailbox Database, edbFilePath: 'C:\\SG1\\Mailbox Database.edb' }
                  mailboxes:
                    - { database: Mailbox Database, count: 12, prefix: user }
                    - { database: Mailbox Database, name: Paul Cunningham }
                """);
        assertThat(directory.server("EX1").host()).contains("EX1");
        assertThat(directory.server("EVS1").kind()).isEqualTo(ServerKind.EXCHANGE_VIRTUAL_SERVER);
        assertThat(directory.server("EVS1").cluster().orElseThrow().redundantMachines()).containsExactly("NODE1");
        assertThat(directory.installation("EX1")).isPresent();
        assertThat(directory.mailboxes()).hasSize(13);
        assertThat(directory.mailbox("user001").database()).isEqualTo("EX1\\First Storage Group\\Mailbox Database");
        assertThat(directory.mailbox("paulcunningham").primarySmtpAddress()).isEqualTo("paulcunningham@contoso.com");
    }

    @Test
    void aBadReferenceNamesTheFileAndTheKeyPath() {
        assertThatThrownBy(() -> directory("""
                exchange:
                  organization: { name: Contoso, domain: contoso.com }
                  servers:
                    - { name: EX1, build: 2007 SP1 }
                    - { name: EVS1, build: 2003 SP2, evs: { cluster: NOCLUSTER, ip: 192.168.1.31 } }
                """)).isInstanceOf(ExhaException.class)
                .hasMessageContaining("'exchange.servers[1].evs.cluster' in lab.yaml")
                .hasMessageContaining("no cluster named 'NOCLUSTER'");
        assertThatThrownBy(() -> directory("""
                exchange:
                  organization: { name: Contoso, domain: contoso.com }
                  servers:
                    - { name: CMS1, build: 2007 SP1, edition: STANDARD, cms: { cluster: CLUS, ip: 192.168.1.31 } }
                """)).hasMessageContaining("exchange.servers[0]").hasMessageContaining("Enterprise Edition");
        assertThatThrownBy(() -> directory("""
                exchange:
                  organization: { name: Contoso, domain: contoso.com }
                  servers:
                    - { name: NODE1, build: 2007 SP1 }
                """)).hasMessageContaining("is a cluster node");
    }

    @Test
    void anUnknownBuildIsRefusedWhereItIsWritten() {
        assertThatThrownBy(() -> directory("""
                exchange:
                  organization: { name: Contoso, domain: contoso.com }
                  servers:
                    - { name: EX1, build: 2010 SP1 }
                """)).isInstanceOfSatisfying(ExhaException.class, e -> {
                    assertThat(e.position()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("lab.yaml:25:7"));
                    assertThat(e.getMessage()).contains("unknown build '2010 SP1'");
                });
    }

    @Test
    void setupMediaMustBeAnExchange2007Build() {
        assertThatThrownBy(() -> directory("""
                exchange:
                  organization: { name: Contoso, domain: contoso.com }
                  media: 2003 SP2
                """)).isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.getMessage())
                .contains("unknown Exchange 2007 media '2003 SP2'"));
    }
}
