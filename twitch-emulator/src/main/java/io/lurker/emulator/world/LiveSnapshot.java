package io.lurker.emulator.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is live at one instant, sorted by viewers (descending, ties by channel id), with the
 * same list per game and per language and the games ranked by viewers. Computed once per
 * second of emulator time and shared by every request of that second.
 */
public final class LiveSnapshot {

    private static final Comparator<LiveStream> BY_VIEWERS = Comparator.comparingInt(LiveStream::viewers).reversed()
            .thenComparing(s -> s.channel().id());

    private final Instant at;
    private final List<LiveStream> streams;
    private final Map<String, LiveStream> byChannelId = new HashMap<>();
    private final List<List<LiveStream>> byGame;
    private final Map<String, List<LiveStream>> byLanguage = new HashMap<>();
    private final List<GameStats> topGames;

    LiveSnapshot(WorldData world, Timeline timeline, Instant at) {
        this.at = at;
        List<LiveStream> live = new ArrayList<>();
        for (Channel channel : world.channels()) {
            Session session = timeline.sessionAtOrBefore(channel.index(), at);
            if (session != null && session.liveAt(at)) {
                live.add(new LiveStream(session, channel, session.segmentAt(at), session.viewersAt(at)));
            }
        }
        live.sort(BY_VIEWERS);
        this.streams = Collections.unmodifiableList(live);
        int games = world.games().size();
        List<List<LiveStream>> perGame = new ArrayList<>(games);
        for (int i = 0; i < games; i++) {
            perGame.add(new ArrayList<>());
        }
        long[] viewers = new long[games];
        for (LiveStream stream : live) {
            byChannelId.put(stream.channel().id(), stream);
            int g = stream.segment().gameIndex();
            perGame.get(g).add(stream);
            viewers[g] += stream.viewers();
            byLanguage.computeIfAbsent(stream.channel().language(), k -> new ArrayList<>()).add(stream);
        }
        this.byGame = perGame;
        List<GameStats> ranked = new ArrayList<>(games);
        for (Game game : world.games()) {
            ranked.add(new GameStats(game, perGame.get(game.index()).size(), viewers[game.index()]));
        }
        ranked.sort(Comparator.comparingLong(GameStats::viewers).reversed()
                .thenComparing(Comparator.comparingDouble((GameStats s) -> s.game().weight()).reversed())
                .thenComparingInt(s -> s.game().index()));
        this.topGames = Collections.unmodifiableList(ranked);
    }

    public Instant at() {
        return at;
    }

    /** Every live stream, most watched first. */
    public List<LiveStream> streams() {
        return streams;
    }

    public LiveStream stream(String channelId) {
        return byChannelId.get(channelId);
    }

    public List<LiveStream> streamsOfGame(Game game) {
        return Collections.unmodifiableList(byGame.get(game.index()));
    }

    public List<LiveStream> streamsInLanguage(String language) {
        return Collections.unmodifiableList(byLanguage.getOrDefault(language, List.of()));
    }

    /** Every game, most watched first (games nobody watches follow by popularity). */
    public List<GameStats> topGames() {
        return topGames;
    }
}
