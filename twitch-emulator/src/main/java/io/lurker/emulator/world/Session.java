package io.lurker.emulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One broadcast: live from {@code start} until {@code end}. Its id is the Helix stream id.
 * Viewer counts follow {@link #viewersAt}: a ramp over the first 20 minutes, a slow swell and
 * a per-minute drift, all deterministic. Fixture sessions ({@code drift == false}) keep
 * {@code peakViewers} constant.
 */
public final class Session {

    private final String streamId;
    private final Channel channel;
    private final Instant start;
    private final Instant end;
    private final List<Segment> segments;
    private final double peakViewers;
    private final boolean drift;
    private final long seed;
    private String archiveVideoId = "";

    public Session(String streamId, Channel channel, Instant start, Instant end, List<Segment> segments,
                   double peakViewers, boolean drift, long seed) {
        this.streamId = streamId;
        this.channel = channel;
        this.start = start;
        this.end = end;
        this.segments = List.copyOf(segments);
        this.peakViewers = peakViewers;
        this.drift = drift;
        this.seed = seed;
    }

    public String streamId() {
        return streamId;
    }

    public Channel channel() {
        return channel;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public List<Segment> segments() {
        return segments;
    }

    public double peakViewers() {
        return peakViewers;
    }

    /** The id of the archive video of this session, "" when the channel keeps no archives. */
    public String archiveVideoId() {
        return archiveVideoId;
    }

    void archiveVideoId(String id) {
        this.archiveVideoId = id;
    }

    public boolean liveAt(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The segment (game and title) in force at {@code t}; the last one after the end. */
    public Segment segmentAt(Instant t) {
        Segment current = segments.get(0);
        for (Segment segment : segments) {
            if (segment.from().isAfter(t)) {
                break;
            }
            current = segment;
        }
        return current;
    }

    public int viewersAt(Instant t) {
        if (!drift) {
            return (int) Math.round(peakViewers);
        }
        double minutes = Math.max(0, Duration.between(start, t).toSeconds() / 60.0);
        double ramp = Math.min(1.0, 0.15 + minutes / 20.0);
        double swell = 1 + 0.18 * Math.sin(2 * Math.PI * minutes / 173.0 + (streamId.hashCode() & 7));
        long minute = Math.floorDiv(t.getEpochSecond(), 60);
        double noise = 1 + 0.06 * (Seeds.unit(seed, "viewer-drift", Seeds.hash(streamId), minute) - 0.5) * 2;
        return (int) Math.max(0, Math.round(peakViewers * ramp * swell * noise));
    }

    public Duration lengthAt(Instant t) {
        Instant until = t.isBefore(end) ? t : end;
        return until.isBefore(start) ? Duration.ZERO : Duration.between(start, until);
    }
}
