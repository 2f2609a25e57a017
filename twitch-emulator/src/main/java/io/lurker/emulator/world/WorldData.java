package io.lurker.emulator.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One world: its fixed catalogue (games, channels, teams, emotes, schedules) and its
 * timeline (sessions, clips, videos), which grows as time passes. Built by
 * {@link WorldGenerator} or {@link FixtureLoader}; read through {@link World}.
 */
public final class WorldData {

    private final long seed;
    private final WorldSpec spec;
    private final String source;
    private final List<Game> games;
    private final List<Channel> channels;
    private final List<Team> teams;
    private final List<Emote> globalEmotes;
    private final Map<String, List<Emote>> fixedChannelEmotes;
    private final Map<String, Game> gameById = new HashMap<>();
    private final Map<String, Game> gameByName = new HashMap<>();
    private final Map<String, Game> gameByIgdb = new HashMap<>();
    private final Map<String, Channel> channelById = new HashMap<>();
    private final Map<String, Channel> channelByLogin = new HashMap<>();
    private final Map<String, Team> teamById = new HashMap<>();
    private final Map<String, Team> teamByName = new HashMap<>();
    private final Map<Integer, List<Team>> teamsOfChannel = new HashMap<>();
    private final TimelineSource timelineSource;
    private volatile Timeline timeline;
    private FixtureAccounts accounts = FixtureAccounts.NONE;

    WorldData(long seed, WorldSpec spec, String source, List<Game> games, List<Channel> channels, List<Team> teams,
              List<Emote> globalEmotes, Map<String, List<Emote>> fixedChannelEmotes, TimelineSource timelineSource) {
        this.seed = seed;
        this.spec = spec;
        this.source = source;
        this.games = List.copyOf(games);
        this.channels = List.copyOf(channels);
        this.teams = List.copyOf(teams);
        this.globalEmotes = List.copyOf(globalEmotes);
        this.fixedChannelEmotes = fixedChannelEmotes;
        this.timelineSource = timelineSource;
        for (Game game : games) {
            gameById.put(game.id(), game);
            gameByName.put(game.name().toLowerCase(Locale.ROOT), game);
            if (!game.igdbId().isEmpty()) {
                gameByIgdb.put(game.igdbId(), game);
            }
        }
        for (Channel channel : channels) {
            channelById.put(channel.id(), channel);
            channelByLogin.put(channel.login(), channel);
        }
        for (Team team : teams) {
            teamById.put(team.id(), team);
            teamByName.put(team.name().toLowerCase(Locale.ROOT), team);
            for (Channel member : team.members()) {
                teamsOfChannel.computeIfAbsent(member.index(), k -> new ArrayList<>()).add(team);
            }
        }
    }

    void initialTimeline(Timeline initial) {
        this.timeline = initial;
    }

    void accounts(FixtureAccounts accounts) {
        this.accounts = accounts;
    }

    /** Applications and user accounts the fixture declares (none for a generated world). */
    public FixtureAccounts accounts() {
        return accounts;
    }

    public long seed() {
        return seed;
    }

    /** The spec of a generated world; null for a fixture. */
    public WorldSpec spec() {
        return spec;
    }

    public String source() {
        return source;
    }

    public List<Game> games() {
        return games;
    }

    public List<Channel> channels() {
        return channels;
    }

    public List<Team> teams() {
        return teams;
    }

    public List<Emote> globalEmotes() {
        return globalEmotes;
    }

    public Game game(int index) {
        return games.get(index);
    }

    public Game gameById(String id) {
        return gameById.get(id);
    }

    public Game gameByName(String name) {
        return gameByName.get(name.toLowerCase(Locale.ROOT));
    }

    public Game gameByIgdbId(String igdbId) {
        return gameByIgdb.get(igdbId);
    }

    public Channel channelById(String id) {
        return channelById.get(id);
    }

    public Channel channelByLogin(String login) {
        return channelByLogin.get(login.toLowerCase(Locale.ROOT));
    }

    public Team teamById(String id) {
        return teamById.get(id);
    }

    public Team teamByName(String name) {
        return teamByName.get(name.toLowerCase(Locale.ROOT));
    }

    public List<Team> teamsOf(Channel channel) {
        return teamsOfChannel.getOrDefault(channel.index(), Collections.emptyList());
    }

    /** The channel's own emotes (partners and affiliates have some), deterministic per channel. */
    public List<Emote> channelEmotes(Channel channel) {
        if (fixedChannelEmotes != null) {
            return fixedChannelEmotes.getOrDefault(channel.id(), List.of());
        }
        if (!channel.isPartnerOrAffiliate()) {
            return List.of();
        }
        SplittableRandom random = Seeds.random(seed, "channel-emotes", channel.index());
        String prefix = emotePrefix(channel.login());
        int count = channel.broadcasterType().equals("partner") ? 6 + random.nextInt(14) : 1 + random.nextInt(5);
        List<String> suffixes = new ArrayList<>(Catalog.EMOTE_SUFFIXES);
        List<Emote> emotes = new ArrayList<>();
        String setBase = Long.toString(300_000_000L + channel.index() * 10L);
        for (int i = 0; i < count && !suffixes.isEmpty(); i++) {
            String suffix = suffixes.remove(random.nextInt(suffixes.size()));
            String type;
            String tier;
            double r = random.nextDouble();
            if (i == 0 || r < 0.6) {
                type = "subscriptions";
                tier = i < 3 || r < 0.4 ? "1000" : (r < 0.5 ? "2000" : "3000");
            } else if (r < 0.85) {
                type = "follower";
                tier = "";
            } else {
                type = "bitstier";
                tier = "";
            }
            String setId = type.equals("subscriptions") ? setBase + tier.charAt(0) : setBase + (type.equals("follower") ? "8" : "9");
            String id = "emotesv2_" + Long.toHexString(Seeds.mix(seed, "emote-id", channel.index(), i))
                    + Long.toHexString(Seeds.mix(seed, "emote-id2", channel.index(), i));
            emotes.add(new Emote(id, prefix + suffix, type, tier, setId, random.nextDouble() < 0.15));
        }
        return emotes;
    }

    static String emotePrefix(String login) {
        String letters = login.replaceAll("[^a-z]", "");
        if (letters.length() < 3) {
            letters = letters + "emo";
        }
        return letters.substring(0, Math.min(letters.length(), 3 + (letters.length() % 3)));
    }

    /** The current timeline, extended first so that it covers {@code t}. */
    public Timeline timeline(Instant t) {
        Timeline current = timeline;
        if (timelineSource.covers(current, t)) {
            return current;
        }
        synchronized (this) {
            timeline = timelineSource.ensure(this, timeline, t);
            return timeline;
        }
    }

    /** The timeline as it is, without extending it. */
    public Timeline currentTimeline() {
        return timeline;
    }
}
