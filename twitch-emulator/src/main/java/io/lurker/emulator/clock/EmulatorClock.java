package io.lurker.emulator.clock;

import io.lurker.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The emulator's time. Everything time-dependent in the world (who is live, viewer counts,
 * clips, follower totals, token expiry) reads {@link #now()}, so a test can advance an hour
 * and see that hour's changes. Time is {@code anchorWorld + (wall - anchorWall) * factor},
 * with factor 1 (real), any positive factor (accelerated) or 0 (manual).
 */
@ApplicationScoped
public class EmulatorClock {

    /** The default start of manual and accelerated clocks: a fixed instant, so tests are reproducible. */
    public static final Instant DEFAULT_FIXED_START = Instant.parse("2025-03-14T18:00:00Z");

    private final Supplier<Instant> wall;
    private ClockMode mode;
    private double factor;
    private Instant anchorWall;
    private Instant anchorWorld;

    @Inject
    public EmulatorClock(EmulatorConfig config) {
        this(ClockMode.parse(config.clock().mode()), config.clock().factor(),
                config.clock().start().map(Instant::parse).orElse(null), Instant::now);
    }

    public EmulatorClock(ClockMode mode, double factor, Instant start, Supplier<Instant> wall) {
        this.wall = wall;
        Instant now = wall.get();
        this.mode = mode;
        this.factor = effectiveFactor(mode, factor);
        this.anchorWall = now;
        this.anchorWorld = start != null ? start : (mode == ClockMode.REAL ? now : DEFAULT_FIXED_START);
        this.anchorWorld = this.anchorWorld.truncatedTo(ChronoUnit.MILLIS);
    }

    public synchronized Instant now() {
        if (factor == 0) {
            return anchorWorld;
        }
        long elapsedNanos = Duration.between(anchorWall, wall.get()).toNanos();
        long worldNanos = (long) (elapsedNanos * factor);
        return anchorWorld.plusNanos(worldNanos).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Moves time forward (or backward with a negative duration) by {@code by}. */
    public synchronized Instant advance(Duration by) {
        reanchor();
        anchorWorld = anchorWorld.plus(by);
        return anchorWorld;
    }

    /** Jumps to {@code instant}; the mode stays. */
    public synchronized Instant set(Instant instant) {
        reanchor();
        anchorWorld = instant.truncatedTo(ChronoUnit.MILLIS);
        return anchorWorld;
    }

    /** Changes how time moves from now on; the current instant is kept. */
    public synchronized void setMode(ClockMode newMode, Double newFactor) {
        reanchor();
        mode = newMode;
        factor = effectiveFactor(newMode, newFactor == null ? (newMode == ClockMode.ACCELERATED ? factor : 1) : newFactor);
    }

    public synchronized ClockMode mode() {
        return mode;
    }

    public synchronized double factor() {
        return factor;
    }

    private void reanchor() {
        Instant current = now();
        anchorWall = wall.get();
        anchorWorld = current;
    }

    private static double effectiveFactor(ClockMode mode, double factor) {
        switch (mode) {
            case REAL:
                return 1;
            case MANUAL:
                return 0;
            default:
                if (!(factor > 0) || Double.isInfinite(factor)) {
                    throw new IllegalArgumentException("an accelerated clock needs a positive factor");
                }
                return factor;
        }
    }
}
