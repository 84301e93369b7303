package io.github.exha.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSpanFormatTest {
    @ParameterizedTest
    @CsvSource({
        "0.0:0:0, PT0S",
        "1.00:00:00, PT24H",
        "7.00:00:00, PT168H",
        "00:30:00, PT30M",
        "7, PT168H",
        "1:2, PT1H2M",
        "-00:00:05, PT-5S",
        "0:0:1.5, PT1.5S",
        "' 2.03:04:05 ', PT51H4M5S"
    })
    void parsesWhatDotNetTimeSpanParseAccepts(String text, String iso) {
        assertThat(TimeSpanFormat.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2.3", "1:2:3:4", "1::2", "1.", ":30", "0:0:1.", "1h"})
    void refusesOtherTextWithDotNetsMessage(String text) {
        assertThatThrownBy(() -> TimeSpanFormat.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(TimeSpanFormat.BAD_FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00:00", "0:60:00", "0:0:60", "0:0:0.12345678", "99999999999"})
    void refusesOutOfRangeComponents(String text) {
        assertThatThrownBy(() -> TimeSpanFormat.parse(text)).hasMessage(TimeSpanFormat.OUT_OF_RANGE);
    }

    @Test
    void formatsAsTimeSpanToString() {
        assertThat(TimeSpanFormat.format(Duration.ZERO)).isEqualTo("00:00:00");
        assertThat(TimeSpanFormat.format(Duration.ofDays(1))).isEqualTo("1.00:00:00");
        assertThat(TimeSpanFormat.format(Duration.ofSeconds(90))).isEqualTo("00:01:30");
        assertThat(TimeSpanFormat.format(Duration.ofMillis(1500))).isEqualTo("00:00:01.5000000");
        assertThat(TimeSpanFormat.format(Duration.ofMinutes(-5))).isEqualTo("-00:05:00");
    }
}
