package io.lurker.emulator.world;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a world from a {@link WorldSpec}. The catalogue is drawn once from the seed; the
 * timeline is generated per (channel, UTC day) from {@code Seeds.random(seed, "session",
 * channel, day)}, so any day can be generated on its own and the world at an instant depends
 * only on the seed, the size and that instant (and on which days are materialised: the
 * window is {@code historyDays} before the clock's day to 3 days after it).
 */
public final class WorldGenerator {

    private static final Instant OLDEST_ACCOUNT = Instant.parse("2011-06-01T00:00:00Z");
    private static final Instant NEWEST_ACCOUNT = Instant.parse("2023-12-31T00:00:00Z");
    /** Follower totals grow linearly from here (they equal followerBase at this instant). */
    public static final Instant FOLLOWER_EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    static final int DAYS_AHEAD = 3;
    private static final long DAY = 86_400L;

    private WorldGenerator() {
    }

    public static WorldData generate(WorldSpec spec, Instant now) {
        spec.validate();
        long seed = spec.seed();
        List<Game> games = games(spec);
        List<Channel> channels = channels(spec, games);
        List<Team> teams = teams(spec, channels);
        List<Emote> globals = globalEmotes();
        GeneratedTimeline source = new GeneratedTimeline(spec);
        WorldData world = new WorldData(seed, spec, "generated seed=" + seed + " size=" + spec.size(), games, channels,
                teams, globals, null, source);
        world.initialTimeline(source.build(world, day(now) - spec.historyDays(), day(now) + DAYS_AHEAD));
        return world;
    }

    static long day(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), DAY);
    }

    static List<Emote> globalEmotes() {
        List<Emote> emotes = new ArrayList<>();
        for (String[] entry : Catalog.GLOBAL_EMOTES) {
            emotes.add(new Emote(entry[0], entry[1], "globals", "", "0", entry[0].startsWith("emotesv2_")));
        }
        return emotes;
    }

    private static List<Game> games(WorldSpec spec) {
        int n = Math.min(spec.games(), Catalog.GAMES.size());
        List<Game> games = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Catalog.GameEntry entry = Catalog.GAMES.get(i);
            games.add(new Game(i, entry.id(), entry.name(), entry.igdbId(), entry.weight()));
        }
        return games;
    }

    private static int weightedGame(SplittableRandom random, List<Game> games, double total) {
        double r = random.nextDouble() * total;
        for (Game game : games) {
            r -= game.weight();
            if (r < 0) {
                return game.index();
            }
        }
        return games.size() - 1;
    }

    private static List<Channel> channels(WorldSpec spec, List<Game> games) {
        long seed = spec.seed();
        double totalWeight = games.stream().mapToDouble(Game::weight).sum();
        Set<String> logins = new HashSet<>();
        Set<String> ids = new HashSet<>();
        int n = spec.channels();
        double[] popularity = new double[n];
        double[] clipWeight = new double[n];
        double clipWeightSum = 0;
        List<Object[]> drafts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SplittableRandom r = Seeds.random(seed, "channel", i);
            String id;
            do {
                id = Long.toString(10_000_000L + (long) (r.nextDouble() * 989_999_999L));
            } while (!ids.add(id));
            String login = login(r, logins);
            popularity[i] = Math.min(150_000, Seeds.pareto(r, 3.0, 0.95) - 2.5);
            clipWeight[i] = Math.pow(popularity[i] + 1, 0.85);
            clipWeightSum += clipWeight[i];
            drafts.add(new Object[] {id, login, r});
        }
        int top = 0;
        for (int i = 1; i < n; i++) {
            if (popularity[i] > popularity[top]) {
                top = i;
            }
        }
        List<Channel> channels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = (String) drafts.get(i)[0];
            String login = (String) drafts.get(i)[1];
            SplittableRandom r = (SplittableRandom) drafts.get(i)[2];
            double pop = popularity[i];
            String type;
            double tr = r.nextDouble();
            if (pop > 250) {
                type = tr < 0.9 ? "partner" : "affiliate";
            } else if (pop > 12) {
                type = tr < 0.08 ? "partner" : (tr < 0.85 ? "affiliate" : "");
            } else {
                type = tr < 0.35 ? "affiliate" : "";
            }
            String language = Seeds.pick(r, Catalog.LANGUAGES);
            int mainGame = weightedGame(r, games, totalWeight);
            List<Integer> others = new ArrayList<>();
            int otherCount = 1 + r.nextInt(3);
            for (int k = 0; k < otherCount; k++) {
                int g = weightedGame(r, games, totalWeight);
                if (g != mainGame && !others.contains(g)) {
                    others.add(g);
                }
            }
            Instant created = OLDEST_ACCOUNT.plusSeconds((long) (r.nextDouble()
                    * Duration.between(OLDEST_ACCOUNT, NEWEST_ACCOUNT).toSeconds()));
            long followerBase = (long) (pop * (30 + r.nextDouble() * 170) + r.nextInt(400));
            double followersPerHour = followerBase * (0.1 + r.nextDouble() * 0.4) / 8760.0 + 0.01;
            boolean archives = type.isEmpty() ? r.nextDouble() < 0.5 : r.nextDouble() < 0.88;
            int vodLimit = Math.max(1, (int) Math.round(spec.videosPerChannel() * (0.5 + r.nextDouble())));
            double dayProbability = Math.min(0.95, 0.3 + 0.5 * r.nextDouble() + (pop > 100 ? 0.15 : 0));
            int medianMinutes = r.nextDouble() < 0.06 ? 540 + r.nextInt(180) : 150 + r.nextInt(240) + (pop > 500 ? 60 : 0);
            StreamHabit habit = new StreamHabit(dayProbability, r.nextInt(1440), medianMinutes);
            double expectedLiveHours = dayProbability * spec.historyDays() * medianMinutes * Math.exp(0.45 * 0.45 / 2) / 60.0;
            double clipTarget = spec.clipsPerChannel() * n * clipWeight[i] / clipWeightSum;
            if (i == top && n >= 3000) {
                clipTarget = Math.max(clipTarget, 5200);
            }
            double clipsPerLiveHour = clipTarget / Math.max(1, expectedLiveHours);
            List<String> tags = new ArrayList<>();
            tags.add(languageTag(language));
            int tagCount = r.nextInt(4);
            for (int k = 0; k < tagCount; k++) {
                String tag = Seeds.pick(r, Catalog.TAGS);
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            ChannelSchedule schedule = null;
            if (!type.isEmpty() && r.nextDouble() < 0.45) {
                schedule = schedule(r, seed, i, habit, mainGame, games);
            }
            String displayName = displayName(r, login);
            String description = r.nextDouble() < 0.15 ? ""
                    : displayName + " streams " + games.get(mainGame).name() + " and more. Be nice in chat!";
            channels.add(new Channel(i, id, login, displayName, type, description, created, language, List.copyOf(tags),
                    pop, mainGame, List.copyOf(others), followerBase, followersPerHour, archives, vodLimit,
                    clipsPerLiveHour, habit, schedule, r.nextDouble() < 0.04));
        }
        return channels;
    }

    private static ChannelSchedule schedule(SplittableRandom r, long seed, int channel, StreamHabit habit, int mainGame,
                                            List<Game> games) {
        int slots = 2 + r.nextInt(4);
        List<ScheduleSlot> list = new ArrayList<>();
        Set<DayOfWeek> used = new HashSet<>();
        for (int k = 0; k < slots; k++) {
            DayOfWeek day = DayOfWeek.of(1 + r.nextInt(7));
            if (!used.add(day)) {
                continue;
            }
            int start = (habit.startMinute() / 30) * 30;
            int minutes = Math.max(60, (habit.medianMinutes() / 30) * 30);
            int game = r.nextDouble() < 0.15 ? -1 : mainGame;
            String title = game < 0 ? "Stream" : games.get(game).name() + " " + Seeds.pick(r, List.of("night", "day",
                    "grind", "with viewers", "ranked", "chill"));
            String uuid = uuid(Seeds.mix(seed, "segment", channel, k), Seeds.mix(seed, "segment2", channel, k));
            list.add(new ScheduleSlot(uuid, day, start, minutes, title, game));
        }
        list.sort(Comparator.comparing(ScheduleSlot::day).thenComparing(ScheduleSlot::startMinute));
        int every = r.nextDouble() < 0.15 ? 6 + r.nextInt(6) : 0;
        return new ChannelSchedule(List.copyOf(list), null, null, every, every > 0 ? r.nextInt(every) : 0);
    }

    static String uuid(long a, long b) {
        String hex = String.format(Locale.ROOT, "%016x%016x", a, b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a"
                + hex.substring(17, 20) + "-" + hex.substring(20, 32);
    }

    private static String languageTag(String language) {
        switch (language) {
            case "en": return "English";
            case "es": return "Español";
            case "pt": return "Português";
            case "de": return "Deutsch";
            case "fr": return "Français";
            case "ru": return "Русский";
            case "ko": return "한국어";
            case "ja": return "日本語";
            case "it": return "Italiano";
            case "pl": return "Polski";
            case "tr": return "Türkçe";
            case "zh": return "中文";
            default: return "Other";
        }
    }

    private static String login(SplittableRandom r, Set<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String a = Seeds.pick(r, Catalog.LOGIN_A);
            String b = Seeds.pick(r, Catalog.LOGIN_B);
            String login;
            switch (r.nextInt(5)) {
                case 0: login = a + b; break;
                case 1: login = a + "_" + b; break;
                case 2: login = a + b + r.nextInt(100); break;
                case 3: login = b + a + (1990 + r.nextInt(20)); break;
                default: login = "the" + a + b + (attempt > 3 ? "_" + r.nextInt(10000) : ""); break;
            }
            if (attempt > 6) {
                login = login + "_" + r.nextInt(100_000);
            }
            if (login.length() <= 25 && taken.add(login)) {
                return login;
            }
        }
    }

    private static String displayName(SplittableRandom r, String login) {
        if (r.nextDouble() < 0.5) {
            return login;
        }
        StringBuilder sb = new StringBuilder(login.length());
        boolean upper = true;
        for (char c : login.toCharArray()) {
            if (c == '_' || Character.isDigit(c)) {
                upper = true;
                sb.append(c);
                continue;
            }
            sb.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return sb.toString();
    }

    private static List<Team> teams(WorldSpec spec, List<Channel> channels) {
        SplittableRandom r = Seeds.random(spec.seed(), "teams");
        List<Channel> candidates = new ArrayList<>();
        for (Channel channel : channels) {
            if (channel.isPartnerOrAffiliate()) {
                candidates.add(channel);
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(channels);
        }
        int[] memberships = new int[channels.size()];
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        List<Team> teams = new ArrayList<>();
        for (int t = 0; t < spec.teams(); t++) {
            String word = Seeds.pick(r, Catalog.TEAM_WORDS);
            String name;
            int variant = 0;
            do {
                String[] forms = {word, "team" + word, word + "gg", word + "esports", word + "crew", word + "squad"};
                name = forms[variant % forms.length] + (variant >= forms.length ? Integer.toString(variant) : "");
                variant++;
            } while (!names.add(name));
            String id;
            do {
                id = Integer.toString(1000 + r.nextInt(9_000_000));
            } while (!ids.add(id));
            int size = 3 + r.nextInt(Math.max(1, Math.min(30, candidates.size() / 4)));
            List<Channel> members = new ArrayList<>();
            for (int k = 0; k < size * 3 && members.size() < size; k++) {
                Channel c = candidates.get(r.nextInt(candidates.size()));
                if (!members.contains(c) && memberships[c.index()] < 2) {
                    members.add(c);
                    memberships[c.index()]++;
                }
            }
            members.sort(Comparator.comparing(Channel::login));
            Instant created = Instant.parse("2016-01-01T00:00:00Z").plusSeconds(r.nextInt(6 * 365) * DAY);
            Instant updated = created.plusSeconds(r.nextInt(700) * DAY);
            String displayName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            teams.add(new Team(id, name, displayName, "<p>" + displayName + " is a team of streamers.</p>", created, updated,
                    List.copyOf(members)));
        }
        return teams;
    }

    /** Generates sessions, clips and videos per (channel, day). */
    static final class GeneratedTimeline implements TimelineSource {

        private final WorldSpec spec;

        GeneratedTimeline(WorldSpec spec) {
            this.spec = spec;
        }

        @Override
        public boolean covers(Timeline current, Instant t) {
            long d = day(t);
            long from = day(current.from());
            long to = day(current.to());
            return d - spec.historyDays() >= from && d + 1 < to;
        }

        @Override
        public Timeline ensure(WorldData world, Timeline current, Instant t) {
            if (covers(current, t)) {
                return current;
            }
            long d = day(t);
            long from = day(current.from());
            long to = day(current.to());
            long wantFrom = d - spec.historyDays();
            long wantTo = d + DAYS_AHEAD;
            if (wantFrom >= from && wantTo > to && wantTo - to <= 30) {
                // extend forward, keeping older days (trimmed beyond twice the history)
                long keepFrom = Math.max(from, wantFrom - spec.historyDays());
                List<Session> sessions = new ArrayList<>();
                List<Clip> clips = new ArrayList<>();
                List<Video> videos = new ArrayList<>();
                Instant keep = Instant.ofEpochSecond(keepFrom * DAY);
                for (Session s : current.sessions()) {
                    if (!s.start().isBefore(keep)) {
                        sessions.add(s);
                    }
                }
                for (Clip c : current.clips()) {
                    if (c.session() == null || !c.session().start().isBefore(keep)) {
                        clips.add(c);
                    }
                }
                for (Video v : current.videos()) {
                    if (v.session() == null || !v.session().start().isBefore(keep)) {
                        videos.add(v);
                    }
                }
                generateDays(world, to, wantTo, sessions, clips, videos);
                return new Timeline(Instant.ofEpochSecond(keepFrom * DAY), Instant.ofEpochSecond(wantTo * DAY),
                        world.channels().size(), world.games().size(), sessions, clips, videos);
            }
            return build(world, wantFrom, wantTo);
        }

        Timeline build(WorldData world, long fromDay, long toDay) {
            List<Session> sessions = new ArrayList<>();
            List<Clip> clips = new ArrayList<>();
            List<Video> videos = new ArrayList<>();
            generateDays(world, fromDay, toDay, sessions, clips, videos);
            return new Timeline(Instant.ofEpochSecond(fromDay * DAY), Instant.ofEpochSecond(toDay * DAY),
                    world.channels().size(), world.games().size(), sessions, clips, videos);
        }

        private void generateDays(WorldData world, long fromDay, long toDay, List<Session> sessions, List<Clip> clips,
                                  List<Video> videos) {
            // each (channel, day) has its own generator, so channels can be generated in parallel
            // and concatenated in channel order: the result does not depend on the thread count
            List<Object[]> perChannel = world.channels().parallelStream().map(channel -> {
                List<Session> s = new ArrayList<>();
                List<Clip> c = new ArrayList<>();
                List<Video> v = new ArrayList<>();
                for (long d = fromDay; d < toDay; d++) {
                    generateDay(world, channel, d, s, c, v);
                }
                return new Object[] {s, c, v};
            }).toList();
            for (Object[] content : perChannel) {
                sessions.addAll(cast(content[0]));
                clips.addAll(cast(content[1]));
                videos.addAll(cast(content[2]));
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> List<T> cast(Object list) {
            return (List<T>) list;
        }

        private void generateDay(WorldData world, Channel c, long day, List<Session> sessions, List<Clip> clips,
                                 List<Video> videos) {
            long seed = world.seed();
            StreamHabit habit = c.habit();
            SplittableRandom r = Seeds.random(seed, "session", c.index(), day);
            if (r.nextDouble() >= habit.dayProbability()) {
                return;
            }
            int jitter = (int) Math.max(-120, Math.min(120, Seeds.gaussian(r) * 45));
            Instant start = Instant.ofEpochSecond(day * DAY + (habit.startMinute() + jitter) * 60L + r.nextInt(60));
            long minutes = (long) Math.max(40, Math.min(14 * 60 - 1, Seeds.logNormal(r, habit.medianMinutes(), 0.45)));
            Instant end = start.plusSeconds(minutes * 60 + r.nextInt(60));
            List<Segment> segments = new ArrayList<>();
            int game = r.nextDouble() < 0.8 || c.otherGames().isEmpty() ? c.mainGame() : Seeds.pick(r, c.otherGames());
            String title = title(r, world.game(game));
            segments.add(new Segment(start, game, title));
            Instant at = start.plusSeconds(3600 + r.nextInt(3 * 3600));
            while (at.isBefore(end.minusSeconds(900))) {
                double change = r.nextDouble();
                if (change < 0.3 && !c.otherGames().isEmpty()) {
                    game = game == c.mainGame() ? Seeds.pick(r, c.otherGames()) : c.mainGame();
                    title = title(r, world.game(game));
                    segments.add(new Segment(at, game, title));
                } else if (change < 0.75) {
                    title = title(r, world.game(game));
                    segments.add(new Segment(at, game, title));
                }
                at = at.plusSeconds(3600 + r.nextInt(3 * 3600));
            }
            double peak = Math.max(0, c.popularity() * Seeds.logNormal(r, 1.0, 0.3));
            String streamId = Long.toString(40_000_000_000L + (Math.floorMod(day, 400_000L) * 50_000L + c.index()));
            Session session = new Session(streamId, c, start, end, segments, peak, true, seed);
            sessions.add(session);

            SplittableRandom content = Seeds.random(seed, "session-content", c.index(), day);
            if (c.archivesVods()) {
                String archiveId = videoId(day, c.index(), 0);
                session.archiveVideoId(archiveId);
                videos.add(new Video(archiveId, c, "archive", session, start, start, 0, segments.get(0).title(), "",
                        (long) (c.popularity() * Seeds.logNormal(content, 4, 0.6)) + content.nextInt(30),
                        muted(content, Duration.between(start, end).toSeconds()), segments.get(0).gameIndex()));
            }
            if (content.nextDouble() < 0.1) {
                Instant created = end.plusSeconds(600 + content.nextInt(7200));
                videos.add(new Video(videoId(day, c.index(), 1), c, "highlight", null, created, created,
                        60 + content.nextInt(1740), "Highlight: " + segments.get(0).title(), "Best moments of the stream",
                        (long) (c.popularity() * Seeds.logNormal(content, 2, 0.7)) + content.nextInt(20), null,
                        segments.get(0).gameIndex()));
            }
            if (content.nextDouble() < 0.02) {
                Instant created = end.plusSeconds(86_400 + content.nextInt(7200));
                videos.add(new Video(videoId(day, c.index(), 2), c, "upload", null, created, created,
                        300 + content.nextInt(3300), "Montage — " + world.game(c.mainGame()).name(), "Uploaded montage",
                        (long) (c.popularity() * Seeds.logNormal(content, 3, 0.7)) + content.nextInt(20), null,
                        c.mainGame()));
            }
            double hours = Duration.between(start, end).toSeconds() / 3600.0;
            int clipCount = Seeds.poisson(content, c.clipsPerLiveHour() * hours);
            long length = Duration.between(start, end).toSeconds();
            List<Channel> everyone = world.channels();
            for (int k = 0; k < clipCount; k++) {
                long offset = (long) (content.nextDouble() * length);
                Instant created = start.plusSeconds(offset);
                Segment segment = session.segmentAt(created);
                Channel creator = everyone.get(content.nextInt(everyone.size()));
                double duration = Math.round((content.nextDouble() < 0.55 ? 30.0 : 5 + content.nextDouble() * 55) * 10) / 10.0;
                long finalViews = (long) Math.min(5_000_000, Seeds.pareto(content, 1, 1.3) * (1 + c.popularity() * 0.35));
                Duration growth = Duration.ofMinutes(60 + content.nextInt(17 * 60));
                int vodOffset = c.archivesVods() ? (int) Math.max(0, offset - Math.round(duration)) : -1;
                Duration delay = Duration.ofSeconds(120 + content.nextInt(25 * 60));
                clips.add(new Clip(clipId(content), c, creator, session, created, segment.gameIndex(),
                        clipTitle(content, segment, world.game(segment.gameIndex())), Math.max(1, finalViews), growth,
                        duration, content.nextDouble() < 0.08, vodOffset, delay));
            }
        }
    }

    static String videoId(long day, int channel, int kind) {
        return Long.toString(1_000_000_000L + (Math.floorMod(day, 40_000L) * 50_000L + channel) * 3 + kind);
    }

    private static List<MutedSegment> muted(SplittableRandom r, long length) {
        if (r.nextDouble() >= 0.25 || length < 1800) {
            return null;
        }
        List<MutedSegment> segments = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        long slots = length / 360;
        long at = 0;
        for (int i = 0; i < count; i++) {
            at += 1 + r.nextInt((int) Math.max(1, slots / (count + 1)));
            int span = 1 + r.nextInt(3);
            if ((at + span) * 360 > length) {
                break;
            }
            segments.add(new MutedSegment((int) (at * 360), span * 360));
            at += span;
        }
        return segments.isEmpty() ? null : List.copyOf(segments);
    }

    private static String title(SplittableRandom r, Game game) {
        String opener = Seeds.pick(r, Catalog.TITLE_OPENERS);
        String closer = Seeds.pick(r, Catalog.TITLE_CLOSERS);
        String middle = r.nextDouble() < 0.5 ? " " + game.name() + " " : " ";
        return (opener + middle + closer).trim();
    }

    private static String clipTitle(SplittableRandom r, Segment segment, Game game) {
        double x = r.nextDouble();
        if (x < 0.2) {
            return segment.title();
        }
        String words = Seeds.pick(r, Catalog.CLIP_WORDS);
        return x < 0.5 ? words + " (" + game.name() + ")" : words;
    }

    private static final String SLUG_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A clip slug like Twitch's: {@code AwkwardHelplessSalamanderSwiftRage-7g8n2Q_Xb4bl0XtS}. */
    static String clipId(SplittableRandom r) {
        StringBuilder sb = new StringBuilder(52);
        sb.append(Seeds.pick(r, Catalog.ADJECTIVES)).append(Seeds.pick(r, Catalog.ADJECTIVES))
                .append(Seeds.pick(r, Catalog.ANIMALS)).append(Seeds.pick(r, Catalog.EMOTE_WORDS)).append('-');
        for (int i = 0; i < 16; i++) {
            sb.append(SLUG_CHARS.charAt(r.nextInt(SLUG_CHARS.length())));
        }
        return sb.toString();
    }
}
