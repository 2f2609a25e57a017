package io.lurker.emulator.world;

import io.lurker.emulator.clock.EmulatorClock;
import io.lurker.emulator.config.EmulatorConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * The emulated Twitch world, read at the emulator clock's current instant (whole seconds).
 * Every Helix handler, the admin ground-truth API and the other emulated services (IRC,
 * GraphQL) read it through this bean. All reads are in-memory and fast: live streams come
 * from a per-second {@link LiveSnapshot}, clips and videos from time-sorted indexes.
 */
@ApplicationScoped
@Startup
public class World {

    private static final Logger LOG = Logger.getLogger(World.class);

    private final EmulatorClock clock;
    private final WorldFactory factory;
    private volatile WorldData data;
    private volatile LiveSnapshot snapshot;
    private final Map<String, List<Clip>> clipCache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Clip>> eldest) {
            return size() > 256;
        }
    };

    @Inject
    public World(EmulatorClock clock, EmulatorConfig config) {
        this(clock, new WorldFactory(config));
    }

    public World(EmulatorClock clock, WorldFactory factory) {
        this.clock = clock;
        this.factory = factory;
        long started = System.nanoTime();
        this.data = factory.build(null, null, null, clock.now());
        LOG.infof("World ready: %s, %d channels, %d games, %d clips, %d videos in %d ms", data.source(),
                data.channels().size(), data.games().size(), data.currentTimeline().clips().size(),
                data.currentTimeline().videos().size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Replaces the world: a new seed and/or size, or a fixture (null keeps the configured value). */
    public synchronized WorldData reset(Long seed, String size, String fixture) {
        WorldData fresh = factory.build(seed, size, fixture, clock.now());
        this.data = fresh;
        this.snapshot = null;
        synchronized (clipCache) {
            clipCache.clear();
        }
        LOG.infof("World reset: %s", fresh.source());
        return fresh;
    }

    /** The emulator's current instant, truncated to the second: the instant every read is made at. */
    public Instant now() {
        return clock.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public WorldData data() {
        return data;
    }

    public Timeline timeline() {
        return data.timeline(now());
    }

    /**
     * A deterministic random generator for an entity of the world, for extensions that hang
     * their own data off channels or videos (chat traffic, replay comments, third-party emotes):
     * the same (seed, domain, id) always gives the same sequence.
     */
    public SplittableRandom randomFor(String domain, String entityId) {
        return Seeds.random(data.seed(), domain, entityId);
    }

    // ---- live

    public LiveSnapshot live() {
        Instant now = now();
        LiveSnapshot current = snapshot;
        WorldData world = data;
        if (current != null && current.at().equals(now)) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current != null && current.at().equals(now) && world == data) {
                return current;
            }
            LiveSnapshot fresh = new LiveSnapshot(data, data.timeline(now), now);
            snapshot = fresh;
            return fresh;
        }
    }

    // ---- channels

    /** What {@code GET /channels} shows: the game and title of the live or last session. */
    public Segment channelSegment(Channel channel) {
        Instant now = now();
        Session session = timeline().sessionAtOrBefore(channel.index(), now);
        if (session != null) {
            return session.segmentAt(now);
        }
        return new Segment(channel.createdAt(), channel.mainGame(), "");
    }

    public long followerTotal(Channel channel) {
        return followerTotal(channel, now());
    }

    public static long followerTotal(Channel channel, Instant t) {
        if (!t.isAfter(WorldGenerator.FOLLOWER_EPOCH)) {
            return channel.followerBase();
        }
        double hours = Duration.between(WorldGenerator.FOLLOWER_EPOCH, t).toSeconds() / 3600.0;
        return channel.followerBase() + (long) Math.floor(channel.followersPerHour() * hours);
    }

    /** Followers newest first, from position {@code offset}. */
    public List<FollowerRow> followers(Channel channel, int offset, int limit) {
        long total = followerTotal(channel);
        List<FollowerRow> rows = new ArrayList<>();
        for (long i = offset; i < total && rows.size() < limit; i++) {
            rows.add(follower(channel, total - i));
        }
        return rows;
    }

    /** The row of {@code userId} when that viewer follows the channel, else null. */
    public FollowerRow follower(Channel channel, String userId) {
        long value;
        try {
            value = Long.parseLong(userId);
        } catch (NumberFormatException e) {
            return null;
        }
        long rest = value - 3_000_000_000L;
        if (rest <= 0 || rest / 100_000_000L != channel.index()) {
            return null;
        }
        long n = rest % 100_000_000L;
        return n >= 1 && n <= followerTotal(channel) ? follower(channel, n) : null;
    }

    private FollowerRow follower(Channel channel, long n) {
        String id = Long.toString(3_000_000_000L + channel.index() * 100_000_000L + n);
        String login = "viewer" + Long.toString(Seeds.mix(data.seed(), "viewer", channel.index(), n) >>> 24, 36);
        Instant followed;
        if (n <= channel.followerBase()) {
            long span = Duration.between(channel.createdAt(), WorldGenerator.FOLLOWER_EPOCH).toSeconds();
            followed = channel.createdAt().plusSeconds((long) (span * (double) n / (channel.followerBase() + 1)));
        } else {
            double hours = (n - channel.followerBase()) / channel.followersPerHour();
            followed = WorldGenerator.FOLLOWER_EPOCH.plusSeconds((long) (hours * 3600));
        }
        return new FollowerRow(id, login, login, followed.truncatedTo(ChronoUnit.SECONDS));
    }

    // ---- clips

    /** Visible clips matching the query, most viewed first (ties: newest first), at most {@code cap} (0: all). */
    public List<Clip> clips(ClipQuery query, int cap) {
        Instant now = now();
        String key = (query.broadcaster() != null ? "b" + query.broadcaster().index() : "g" + query.game().index())
                + "|" + query.from() + "|" + query.to() + "|" + query.featured() + "|" + cap + "|" + now + "|"
                + System.identityHashCode(data);
        synchronized (clipCache) {
            List<Clip> cached = clipCache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Timeline timeline = data.timeline(now);
        Clip[] source = query.broadcaster() != null ? timeline.clipsOfChannel(query.broadcaster().index())
                : timeline.clipsOfGame(query.game().index());
        Instant upper = query.to() == null || query.to().isAfter(now) ? now : query.to();
        int lo = query.from() == null ? 0 : Timeline.lowerBound(source, query.from());
        int hi = Timeline.upperBound(source, upper);
        List<Clip> selected = new ArrayList<>(Math.max(0, hi - lo));
        for (int i = lo; i < hi; i++) {
            Clip clip = source[i];
            if (query.featured() == null || clip.featured() == query.featured()) {
                selected.add(clip);
            }
        }
        long[] views = new long[selected.size()];
        Clip[] array = selected.toArray(new Clip[0]);
        Integer[] order = new Integer[array.length];
        for (int i = 0; i < array.length; i++) {
            views[i] = array[i].viewsAt(now);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byViews = Long.compare(views[b], views[a]);
            if (byViews != 0) {
                return byViews;
            }
            int byTime = array[b].createdAt().compareTo(array[a].createdAt());
            return byTime != 0 ? byTime : array[a].id().compareTo(array[b].id());
        });
        int limit = cap > 0 ? Math.min(cap, order.length) : order.length;
        List<Clip> result = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            result.add(array[order[i]]);
        }
        List<Clip> frozen = List.copyOf(result);
        synchronized (clipCache) {
            clipCache.put(key, frozen);
        }
        return frozen;
    }

    /** A visible clip by id, else null. */
    public Clip clip(String id) {
        Clip clip = timeline().clip(id);
        return clip != null && clip.visibleAt(now()) ? clip : null;
    }

    /** The clip's {@code vod_offset} now, null while the VOD offset is not yet known or there is no VOD. */
    public Integer vodOffset(Clip clip) {
        if (clip.vodOffsetSeconds() < 0 || videoIdOf(clip).isEmpty()) {
            return null;
        }
        return now().isBefore(clip.createdAt().plus(clip.vodOffsetDelay())) ? null : clip.vodOffsetSeconds();
    }

    /** The clip's {@code video_id} now: its session's archive while that archive is kept, else "". */
    public String videoIdOf(Clip clip) {
        if (clip.session() == null || clip.session().archiveVideoId().isEmpty()) {
            return "";
        }
        Video archive = timeline().video(clip.session().archiveVideoId());
        return archive != null && videoVisible(archive) ? archive.id() : "";
    }

    // ---- videos

    /**
     * Whether a video exists now: created already and, for archives, still among the channel's
     * {@code vodLimit} most recent archives (older archives expire as new ones appear).
     */
    public boolean videoVisible(Video video) {
        Instant now = now();
        if (!video.visibleAt(now)) {
            return false;
        }
        if (!"archive".equals(video.type())) {
            return true;
        }
        Video[] archives = timeline().archivesOfChannel(video.owner().index());
        int visibleEnd = Timeline.upperBound(archives, now);
        int position = Arrays.binarySearch(archives, 0, visibleEnd, video, Timeline.VIDEO_TIME);
        return position >= 0 && position >= visibleEnd - video.owner().vodLimit();
    }

    /** The channel's existing videos, newest first. */
    public List<Video> videosOf(Channel channel) {
        return visibleNewestFirst(timeline().videosOfChannel(channel.index()));
    }

    /** Existing videos whose game is {@code game}, newest first. */
    public List<Video> videosOfGame(Game game) {
        return visibleNewestFirst(timeline().videosOfGame(game.index()));
    }

    private List<Video> visibleNewestFirst(Video[] videos) {
        int end = Timeline.upperBound(videos, now());
        List<Video> result = new ArrayList<>(end);
        for (int i = end - 1; i >= 0; i--) {
            if (videoVisible(videos[i])) {
                result.add(videos[i]);
            }
        }
        return result;
    }

    public Video video(String id) {
        Video video = timeline().video(id);
        return video != null && videoVisible(video) ? video : null;
    }

    /** Muted segments of a video that lie within its current length; null when none. */
    public List<MutedSegment> mutedSegments(Video video) {
        if (video.mutedSegments() == null) {
            return null;
        }
        long length = video.durationSecondsAt(now());
        List<MutedSegment> within = new ArrayList<>();
        for (MutedSegment segment : video.mutedSegments()) {
            if (segment.offset() + segment.duration() <= length) {
                within.add(segment);
            }
        }
        return within.isEmpty() ? null : within;
    }

    // ---- schedule

    /** Scheduled segments ending after {@code from}, in time order, skipping vacations; at most {@code limit} after {@code offset}. */
    public List<ScheduledSegment> schedule(Channel channel, Instant from, int offset, int limit) {
        ChannelSchedule schedule = channel.schedule();
        List<ScheduledSegment> result = new ArrayList<>();
        if (schedule == null || schedule.slots().isEmpty()) {
            return result;
        }
        ZonedDateTime monday = from.atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC);
        int skipped = 0;
        for (int week = 0; week < 60 && result.size() < limit; week++) {
            ZonedDateTime weekStart = monday.plusWeeks(week);
            for (ScheduleSlot slot : schedule.slots()) {
                ZonedDateTime start = weekStart.plusDays(slot.day().getValue() - 1L).plusMinutes(slot.startMinute());
                Instant s = start.toInstant();
                Instant e = s.plusSeconds(slot.minutes() * 60L);
                if (!e.isAfter(from) || schedule.onVacation(s)) {
                    continue;
                }
                if (skipped < offset) {
                    skipped++;
                    continue;
                }
                if (result.size() >= limit) {
                    break;
                }
                int isoYear = start.get(IsoFields.WEEK_BASED_YEAR);
                int isoWeek = start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                String json = "{\"segmentID\":\"" + slot.segmentUuid() + "\",\"isoYear\":" + isoYear + ",\"isoWeek\":" + isoWeek + "}";
                String id = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
                Game game = slot.gameIndex() < 0 ? null : data.game(slot.gameIndex());
                result.add(new ScheduledSegment(id, s, e, slot.title(), game, true));
            }
        }
        return result;
    }

    // ---- users

    public Channel channel(String id) {
        return data.channelById(id);
    }

    public Channel channelByLogin(String login) {
        return data.channelByLogin(login);
    }

    public List<Channel> channels() {
        return data.channels();
    }

    public List<Game> games() {
        return data.games();
    }
}
