package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import org.junit.jupiter.api.Test;

class LogFormatTest {
    @Test
    void exchange2007LogsAreOneMegabyteNamedWithEightHexDigits() {
        LogFormat format = LogFormat.EXCHANGE_2007;
        assertThat(format.logSize()).isEqualTo(1L << 20);
        assertThat(format.generationName(LogPrefix.E00, 1)).isEqualTo("E0000000001.log");
        assertThat(format.generationName(LogPrefix.E00, 0x1AF)).isEqualTo("E00000001AF.log");
        assertThat(format.generationName(LogPrefix.forStorageGroup(1), 0xFFFFFFFFL)).isEqualTo("E01FFFFFFFF.log");
        assertThat(format.currentName(LogPrefix.E00)).isEqualTo("E00.log");
        assertThat(format.temporaryName(LogPrefix.E00)).isEqualTo("E00tmp.log");
        assertThat(format.checkpointName(LogPrefix.E00)).isEqualTo("E00.chk");
        assertThat(format.reserveNames(LogPrefix.E00)).containsExactly("E00res00001.jrs", "E00res00002.jrs");
    }

    @Test
    void exchange2003LogsAreFiveMegabytesNamedWithFiveHexDigitsAndResLogs() {
        LogFormat format = LogFormat.EXCHANGE_2003;
        assertThat(format.logSize()).isEqualTo(5L << 20);
        assertThat(format.generationName(LogPrefix.E00, 1)).isEqualTo("E0000001.log");
        assertThat(format.generationName(LogPrefix.forStorageGroup(3), 0xABCDE)).isEqualTo("E03ABCDE.log");
        assertThat(format.maxGeneration()).isEqualTo(0xFFFFF);
        assertThat(format.reserveNames(LogPrefix.E00)).containsExactly("Res1.log", "Res2.log");
    }

    @Test
    void generationsParseBackFromClosedLogNamesOnly() {
        LogFormat format = LogFormat.EXCHANGE_2007;
        assertThat(format.parseGeneration(LogPrefix.E00, "E000000001A.log")).hasValue(0x1A);
        assertThat(format.parseGeneration(LogPrefix.E00, "e000000001a.LOG")).hasValue(0x1A);
        assertThat(format.parseGeneration(LogPrefix.E00, "E00.log")).isEmpty();
        assertThat(format.parseGeneration(LogPrefix.E00, "E00tmp.log")).isEmpty();
        assertThat(format.parseGeneration(LogPrefix.E00, "E0100000001.log")).isEmpty();
        assertThat(format.parseGeneration(LogPrefix.E00, "E0000001.log")).isEmpty();
        assertThat(LogFormat.EXCHANGE_2003.parseGeneration(LogPrefix.E00, "E0000001.log")).hasValue(1);
        assertThat(format.parseGeneration(LogPrefix.E00, "E00000000G1.log")).isEmpty();
    }

    @Test
    void aGenerationBeyondWhatTheNamesHoldIsRefused() {
        assertThatThrownBy(() -> LogFormat.EXCHANGE_2003.generationName(LogPrefix.E00, 0x100000))
                .isInstanceOfSatisfying(ExhaException.class,
                        e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> new LogPrefix("E0")).isInstanceOf(ExhaException.class);
        assertThat(LogPrefix.forStorageGroup(12).value()).isEqualTo("E12");
    }

    @Test
    void rangesAndVersionsPrintAsEseutilDoes() {
        assertThat(new LogRange(5, 26)).hasToString("5-26 (0x5-0x1a)");
        assertThat(LogRange.NONE).hasToString("0-0 (0x0-0x0)");
        assertThat(EseVersion.parse("0x620,12")).isEqualTo(new EseVersion(0x620, 12));
        assertThat(new EseVersion(0x620, 12)).hasToString("0x620,12");
        assertThat(new EseVersion(0x620, 12).isNewerThan(new EseVersion(0x620, 11))).isTrue();
        assertThat(DatabaseState.DIRTY_SHUTDOWN.display()).isEqualTo("Dirty Shutdown");
        assertThat(DatabaseState.JUST_CREATED.display()).isEqualTo("Just Created");
    }
}
