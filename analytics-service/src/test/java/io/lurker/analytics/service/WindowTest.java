package io.lurker.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lurker.tokenpool.problem.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WindowTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-10T15:30:00Z"), ZoneOffset.UTC);

    @Test
    void presetsEndNow() {
        assertThat(Window.parse("today", null, "7d", clock))
                .isEqualTo(new Window(Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-10T15:30:00Z")));
        assertThat(Window.parse(null, null, "7d", clock).from()).isEqualTo(Instant.parse("2026-03-03T15:30:00Z"));
        assertThat(Window.parse("90d", "2026-03-01T00:00:00+01:00", "7d", clock).to())
                .isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
    }

    @Test
    void badRangesNameTheParameter() {
        assertThatThrownBy(() -> Window.parse("2026-03-10T00:00:00Z", "2026-03-09T00:00:00Z", "7d", clock))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.extensions()).containsEntry("parameter", "to"));
        assertThatThrownBy(() -> Window.parse("last week", null, "7d", clock))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.extensions()).containsEntry("parameter", "from"));
        Window ninety = Window.parse("90d", null, "7d", clock);
        assertThatThrownBy(() -> ninety.buckets(Granularity.MINUTE, 10_000))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.extensions()).containsEntry("parameter", "granularity"));
        assertThat(ninety.buckets(Granularity.HOUR, 10_000)).isEqualTo(90 * 24 + 1);
    }
}
