package io.lurker.emulator.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EmulatorClockTest {

    final Instant wallStart = Instant.parse("2030-01-01T00:00:00Z");
    final AtomicReference<Instant> wall = new AtomicReference<>(wallStart);
    final Instant start = Instant.parse("2025-03-14T18:00:00Z");

    @Test
    void manualClockMovesOnlyWhenAdvanced() {
        EmulatorClock clock = new EmulatorClock(ClockMode.MANUAL, 1, start, wall::get);
        wall.set(wallStart.plusSeconds(3600));
        assertThat(clock.now()).isEqualTo(start);
        clock.advance(Duration.ofHours(1));
        assertThat(clock.now()).isEqualTo(start.plusSeconds(3600));
    }

    @Test
    void acceleratedClockRunsFactorTimesFaster() {
        EmulatorClock clock = new EmulatorClock(ClockMode.ACCELERATED, 60, start, wall::get);
        wall.set(wallStart.plusSeconds(60));
        assertThat(clock.now()).isEqualTo(start.plusSeconds(3600));
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.now()).isEqualTo(start.plusSeconds(3600 + 300));
    }

    @Test
    void realClockFollowsTheWallAndKeepsItsInstantWhenSwitched() {
        EmulatorClock clock = new EmulatorClock(ClockMode.REAL, 1, null, wall::get);
        assertThat(clock.now()).isEqualTo(wallStart);
        wall.set(wallStart.plusSeconds(10));
        assertThat(clock.now()).isEqualTo(wallStart.plusSeconds(10));
        clock.setMode(ClockMode.MANUAL, null);
        wall.set(wallStart.plusSeconds(100));
        assertThat(clock.now()).isEqualTo(wallStart.plusSeconds(10));
        clock.set(start);
        assertThat(clock.now()).isEqualTo(start);
    }

    @Test
    void rejectsUnknownModesAndBadFactors() {
        assertThatThrownBy(() -> ClockMode.parse("warp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmulatorClock(ClockMode.ACCELERATED, 0, start, wall::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
