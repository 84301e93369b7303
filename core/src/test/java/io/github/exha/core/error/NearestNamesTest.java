package io.github.exha.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNamesTest {
    @Test
    void distanceCountsEditsWithSwapsAsOne() {
        assertThat(NearestNames.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NearestNames.distance("hsots", "hosts")).isEqualTo(1);
        assertThat(NearestNames.distance("", "abc")).isEqualTo(3);
        assertThat(NearestNames.distance("same", "same")).isZero();
    }

    @Test
    void suggestsCloseNamesCaseInsensitivelyNearestFirst() {
        List<String> names = List.of("StandbyMachine", "Server", "ReplayLagTime", "TruncationLagTime");
        assertThat(NearestNames.nearest("replylagtime", names, 2)).containsExactly("ReplayLagTime");
        assertThat(NearestNames.nearest("Serv", names, 2)).containsExactly("Server");
        assertThat(NearestNames.nearest("Quorum", names, 2)).isEmpty();
        assertThat(NearestNames.didYouMean("Sever", names, "-")).isEqualTo(" Did you mean -Server?");
        assertThat(NearestNames.didYouMean("xyz", names, "-")).isEmpty();
    }
}
