package io.lurker.helix.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VodDurationTest {

    @Test
    void helixForms() {
        assertThat(VodDuration.seconds("11h47m32s")).isEqualTo(11 * 3600 + 47 * 60 + 32);
        assertThat(VodDuration.seconds("3m21s")).isEqualTo(201);
        assertThat(VodDuration.seconds("45s")).isEqualTo(45);
        assertThat(VodDuration.seconds("2h")).isEqualTo(7200);
    }

    @Property
    void roundTrips(@ForAll @IntRange(min = 0, max = 200) int h, @ForAll @IntRange(min = 0, max = 59) int m,
                    @ForAll @IntRange(min = 0, max = 59) int s) {
        String form = (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + s + "s";
        assertThat(VodDuration.seconds(form)).isEqualTo(h * 3600L + m * 60L + s);
    }

    @Property
    void anythingElseIsRefused(@ForAll String text) {
        if (!text.matches("(\\d{1,9}h)?(\\d{1,9}m)?(\\d{1,9}s)?") || text.isEmpty()) {
            assertThatThrownBy(() -> VodDuration.seconds(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void mutedSummary() throws Exception {
        var video = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"duration\":\"1h0m0s\",\"muted_segments\":[{\"offset\":0,\"duration\":360},{\"offset\":720,\"duration\":360}]}");
        HelixViews.Vod vod = HelixQueries.vod(video);
        assertThat(vod.durationSeconds()).isEqualTo(3600);
        assertThat(vod.muted()).isEqualTo(new HelixViews.MutedSummary(2, 720, 20.0));
    }
}
