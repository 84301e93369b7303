package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.exchange.store.LogFile;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogHeader;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.exchange.store.LogSignature;
import io.github.exha.exchange.store.MessageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inspected logs a copy keeps for its replayer: bounded by their records, oldest kept, forgotten once replayed. */
class InspectedLogsTest {
    private static final UUID DATABASE = new UUID(0, 1);
    private static final Instant T0 = Instant.parse("2008-03-01T08:00:00Z");

    private static StorageGroupCopy.InspectedLog log(long generation, int records) {
        List<MessageRecord> list = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            list.add(new MessageRecord(DATABASE, generation * 100_000 + i, "u", 1, 0));
        }
        LogHeader header = new LogHeader(LogFormat.EXCHANGE_2007, LogPrefix.E00, generation,
                new LogSignature(7, T0), T0);
        return new StorageGroupCopy.InspectedLog(LogFile.of("E00" + generation + ".log", header, list), null,
                "\\Logs\\E00" + generation + ".log", null);
    }

    private static StorageGroupCopy copy() {
        return new StorageGroupCopy(new UUID(0, 2), "SRV\\SG", CopyKind.STANDBY, "SCR1",
                new CopyPaths("E:\\Logs", "E:\\Logs", "F:\\DB\\DB.edb"), new CopyLags(Duration.ZERO, Duration.ZERO));
    }

    @Test
    void aLogThatWouldPassTheRecordBoundIsNotKeptAndTheOldestWaitForTheReplayer() {
        StorageGroupCopy copy = copy();
        int perLog = 512; // a 1 MB log's 64 KB record area holds about a thousand small records
        int fit = StorageGroupCopy.KEPT_INSPECTED_RECORDS / perLog;
        for (long g = 1; g <= fit + 1; g++) {
            copy.inspected(g, log(g, perLog));
        }
        assertThat(copy.replaying(1)).get().extracting(l -> l.log().generation()).isEqualTo(1L);
        assertThat(copy.replaying(1)).as("forgotten once replayed").isEmpty();
        copy.inspected(fit + 2, log(fit + 2, perLog)); // room again for one
        assertThat(copy.replaying(fit + 1)).as("over the bound when inspected: never kept").isEmpty();
        assertThat(copy.replaying(fit + 2)).as("older ones went with the replay of " + (fit + 1)).isPresent();
        copy.inspected(fit + 3, log(fit + 3, perLog));
        assertThat(copy.replaying(fit + 3)).as("the count fell back as logs were forgotten").isPresent();
    }
}
