package io.lurker.emulator.world;

import java.time.Instant;

/** Where a world's timeline comes from: generated day by day, or fixed by a fixture. */
interface TimelineSource {

    /** Whether {@code current} already covers what a reader at {@code t} may ask for. */
    boolean covers(Timeline current, Instant t);

    /** A timeline covering {@code t} (extended or rebuilt when needed), or {@code current} when it already does. */
    Timeline ensure(WorldData world, Timeline current, Instant t);
}
