package io.lurker.emulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.emulator.clock.ClockMode;
import io.lurker.emulator.clock.EmulatorClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shapes and determinism of generated worlds. */
class WorldGeneratorTest {

    static final Instant START = EmulatorClock.DEFAULT_FIXED_START;
    static WorldData defaultWorld;

    @BeforeAll
    static void generateDefault() {
        defaultWorld = WorldGenerator.generate(WorldSpec.preset(42, "default"), START);
    }

    private static String fingerprint(WorldData w) {
        Timeline t = w.currentTimeline();
        return w.channels().stream().map(c -> c.id() + c.login() + c.broadcasterType() + c.language())
                .collect(Collectors.joining(",")).hashCode()
                + "|" + t.sessions().stream().map(s -> s.streamId() + s.start() + s.end()).collect(Collectors.joining()).hashCode()
                + "|" + t.clips().stream().map(c -> c.id() + c.createdAt() + c.finalViews()).collect(Collectors.joining()).hashCode()
                + "|" + t.videos().stream().map(Video::id).collect(Collectors.joining()).hashCode()
                + "|" + w.teams().stream().map(Team::name).collect(Collectors.joining());
    }

    @Test
    void sameSeedAndSizeGiveTheSameWorld() {
        WorldData a = WorldGenerator.generate(WorldSpec.preset(7, "tiny"), START);
        WorldData b = WorldGenerator.generate(WorldSpec.preset(7, "tiny"), START);
        WorldData other = WorldGenerator.generate(WorldSpec.preset(8, "tiny"), START);
        assertThat(fingerprint(a)).isEqualTo(fingerprint(b));
        assertThat(fingerprint(a)).isNotEqualTo(fingerprint(other));
    }

    @Test
    void aDayGeneratedLaterEqualsTheSameDayGeneratedUpFront() {
        WorldData early = WorldGenerator.generate(WorldSpec.preset(7, "tiny"), START);
        early.timeline(START.plus(Duration.ofDays(5)));
        WorldData late = WorldGenerator.generate(WorldSpec.preset(7, "tiny"), START.plus(Duration.ofDays(5)));
        Instant t = START.plus(Duration.ofDays(5)).plusSeconds(3 * 3600);
        Set<String> liveEarly = new LiveSnapshot(early, early.timeline(t), t).streams().stream()
                .map(s -> s.session().streamId() + s.viewers()).collect(Collectors.toSet());
        Set<String> liveLate = new LiveSnapshot(late, late.timeline(t), t).streams().stream()
                .map(s -> s.session().streamId() + s.viewers()).collect(Collectors.toSet());
        assertThat(liveEarly).isNotEmpty().isEqualTo(liveLate);
    }

    @Test
    void realCategoriesWithBoxArtAndEnoughGames() {
        List<String> names = defaultWorld.games().stream().map(Game::name).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(40).contains("League of Legends", "Just Chatting", "Minecraft",
                "Counter-Strike", "VALORANT", "Fortnite", "Grand Theft Auto V", "Dota 2");
        assertThat(defaultWorld.gameByName("league of legends").id()).isEqualTo("21779");
        assertThat(defaultWorld.games()).allSatisfy(g -> assertThat(g.boxArtUrl()).contains("{width}x{height}"));
    }

    @Test
    void leagueOfLegendsHasTwentyLiveChannelsAtEveryHourOfADay() {
        Game lol = defaultWorld.gameByName("League of Legends");
        for (int hour = 0; hour < 24; hour += 3) {
            Instant t = START.plus(Duration.ofHours(hour));
            LiveSnapshot live = new LiveSnapshot(defaultWorld, defaultWorld.timeline(t), t);
            assertThat(live.streamsOfGame(lol)).as("LoL live at +" + hour + "h").hasSizeGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void realisticShapes() {
        List<Channel> channels = defaultWorld.channels();
        double[] popularity = channels.stream().mapToDouble(Channel::popularity).sorted().toArray();
        assertThat(popularity[popularity.length - 1] / Math.max(1, popularity[popularity.length / 2]))
                .as("heavy-tailed audience").isGreaterThan(100);
        assertThat(channels.stream().map(Channel::language).collect(Collectors.toSet())).hasSizeGreaterThanOrEqualTo(8);
        assertThat(channels.stream().map(Channel::broadcasterType).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("partner", "affiliate", "");
        assertThat(channels).anyMatch(c -> c.schedule() != null).anyMatch(c -> c.schedule() == null);
        assertThat(channels).anyMatch(c -> !defaultWorld.teamsOf(c).isEmpty()).anyMatch(c -> defaultWorld.teamsOf(c).isEmpty());
        assertThat(channels.stream().map(Channel::login)).allMatch(l -> l.matches("[a-z0-9_]{1,25}"));
        assertThat(channels.stream().map(Channel::login).distinct().count()).isEqualTo(channels.size());
        assertThat(channels.stream().map(Channel::id)).allMatch(id -> id.matches("\\d{8,9}"));
    }

    @Test
    void clipsVideosAndTheirDetails() {
        Timeline t = defaultWorld.currentTimeline();
        int most = defaultWorld.channels().stream().mapToInt(c -> t.clipsOfChannel(c.index()).length).max().orElse(0);
        assertThat(most).as("a channel with 5,000+ clips").isGreaterThanOrEqualTo(5000);
        long[] views = t.clips().stream().mapToLong(Clip::finalViews).sorted().toArray();
        assertThat(views[views.length - 1]).isGreaterThan(views[views.length / 2] * 100);
        assertThat(t.clips().stream().map(Clip::id)).allMatch(id -> id.matches("[A-Z][A-Za-z]+-[A-Za-z0-9_-]{16}"));
        assertThat(new HashSet<>(t.clips().stream().map(Clip::id).toList())).hasSize(t.clips().size());
        assertThat(t.videos()).anyMatch(v -> v.mutedSegments() != null).anyMatch(v -> v.mutedSegments() == null);
        assertThat(t.videos().stream().map(Video::type).collect(Collectors.toSet()))
                .contains("archive", "highlight", "upload");
        assertThat(t.videos()).anyMatch(v -> "archive".equals(v.type()) && v.durationSecondsAt(START) > 10 * 3600);
        assertThat(Video.formatDuration(11 * 3600 + 47 * 60 + 32)).isEqualTo("11h47m32s");
        assertThat(Video.formatDuration(201)).isEqualTo("3m21s");
        assertThat(Video.formatDuration(45)).isEqualTo("45s");
    }

    @Test
    void recentClipsHaveNoVodOffsetAndFutureClipsAreInvisible() {
        EmulatorClock clock = new EmulatorClock(ClockMode.MANUAL, 1, START, Instant::now);
        World world = new World(clock, new WorldFactory(WorldSpec.preset(42, "tiny")));
        Clip future = world.timeline().clips().stream().filter(c -> c.createdAt().isAfter(START))
                .min(Comparator.comparing(Clip::createdAt)).orElseThrow();
        assertThat(world.clip(future.id())).isNull();
        clock.set(future.createdAt());
        assertThat(world.clip(future.id())).isNotNull();
        if (world.videoIdOf(future).isEmpty()) {
            assertThat(world.vodOffset(future)).isNull();
        } else {
            assertThat(world.vodOffset(future)).as("vod_offset null right after creation").isNull();
            clock.advance(future.vodOffsetDelay());
            assertThat(world.vodOffset(future)).isEqualTo(future.vodOffsetSeconds());
        }
        Clip old = world.timeline().clips().get(0);
        assertThat(world.clips(ClipQuery.ofBroadcaster(old.broadcaster(), null, null, null), 0)).contains(old);
    }

    @Test
    void advancingAnHourChangesTheWorld() {
        EmulatorClock clock = new EmulatorClock(ClockMode.MANUAL, 1, START, Instant::now);
        World world = new World(clock, new WorldFactory(WorldSpec.preset(42, "tiny")));
        Set<String> before = world.live().streams().stream().map(s -> s.channel().id()).collect(Collectors.toSet());
        LiveStream steady = world.live().streams().stream()
                .filter(s -> s.session().end().isAfter(START.plusSeconds(3600))).findFirst().orElseThrow();
        Channel fastest = world.channels().stream().max(Comparator.comparingDouble(Channel::followersPerHour)).orElseThrow();
        long followers = world.followerTotal(fastest);
        long clipsBefore = world.timeline().clips().stream().filter(c -> c.visibleAt(world.now())).count();
        clock.advance(Duration.ofHours(1));
        Set<String> after = world.live().streams().stream().map(s -> s.channel().id()).collect(Collectors.toSet());
        assertThat(after).isNotEqualTo(before);
        assertThat(world.live().stream(steady.channel().id()).viewers()).isNotEqualTo(steady.viewers());
        assertThat(world.followerTotal(fastest)).isGreaterThan(followers);
        assertThat(world.timeline().clips().stream().filter(c -> c.visibleAt(world.now())).count()).isGreaterThan(clipsBefore);
        // the same moves give the same world
        EmulatorClock again = new EmulatorClock(ClockMode.MANUAL, 1, START, Instant::now);
        World twin = new World(again, new WorldFactory(WorldSpec.preset(42, "tiny")));
        again.advance(Duration.ofHours(1));
        assertThat(twin.live().streams().stream().map(s -> s.channel().id() + ":" + s.viewers()).toList())
                .isEqualTo(world.live().streams().stream().map(s -> s.channel().id() + ":" + s.viewers()).toList());
    }

    @Test
    void timelineExtendsAsTheClockMovesOnAndRebuildsAfterAJump() {
        WorldData w = WorldGenerator.generate(WorldSpec.preset(3, "tiny"), START);
        Instant later = START.plus(Duration.ofDays(10));
        Timeline extended = w.timeline(later);
        assertThat(extended.to()).isAfter(later.plus(Duration.ofDays(1)));
        Instant far = START.plus(Duration.ofDays(400));
        Timeline rebuilt = w.timeline(far);
        assertThat(rebuilt.from()).isAfter(START);
        assertThat(new LiveSnapshot(w, rebuilt, far).streams()).isNotEmpty();
        assertThat(Arrays.stream(new int[] {1})).isNotEmpty();
    }
}
