package io.github.exha.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputFormatterTest {
    private static PsObject cmsStatus() {
        return PsObject.builder("ClusteredMailboxServerStatus").view(PsObject.View.LIST)
                .add("Identity", "EXCHCMS")
                .add("ClusteredMailboxServerName", "EXCHCMS.contoso.com")
                .add("State", "Online")
                .add("OperationalMachines", List.of("EXCHMAILBOX1 <Active, Quorum Owner>", "EXCHMAILBOX2"))
                .add("FailedResources", List.of())
                .add("IsValid", true)
                .build();
    }

    @Test
    void listViewAlignsColonsAndShowsCollectionsInBraces() {
        assertThat(OutputFormatter.render(List.of(cmsStatus()))).isEqualTo("""

                Identity                   : EXCHCMS
                ClusteredMailboxServerName : EXCHCMS.contoso.com
                State                      : Online
                OperationalMachines        : {EXCHMAILBOX1 <Active, Quorum Owner>, EXCHMAILBOX2}
                FailedResources            : {}
                IsValid                    : True

                """);
    }

    @Test
    void tableViewSharesOneHeaderForObjectsOfOneType() {
        PsObject a = PsObject.builder("StorageGroup").add("Name", "First Storage Group").add("Server", "EXCHMAILBOX")
                .add("Replicated", "None").add("LogFolderPath", "C:\\x").tableColumns("Name", "Server", "Replicated")
                .build();
        PsObject b = PsObject.builder("StorageGroup").add("Name", "Second Storage Group").add("Server", "EXCHCMS")
                .add("Replicated", "None").add("LogFolderPath", "C:\\y").tableColumns("Name", "Server", "Replicated")
                .build();
        assertThat(OutputFormatter.render(List.of(a, b))).isEqualTo("""

                Name                 Server      Replicated
                ----                 ------      ----------
                First Storage Group  EXCHMAILBOX None
                Second Storage Group EXCHCMS     None

                """);
    }

    @Test
    void datesUseTheUsFormatAndJsonUsesIso() {
        Instant t = Instant.parse("2008-03-01T13:05:09Z");
        assertThat(OutputFormatter.valueText(t)).isEqualTo("3/1/2008 1:05:09 PM");
        assertThat(OutputFormatter.toPlain(PsObject.builder("X").add("When", t).add("Lag", java.time.Duration.ofDays(1))
                .build())).isEqualTo(Map.of("When", "2008-03-01T13:05:09Z", "Lag", "1.00:00:00"));
    }
}
