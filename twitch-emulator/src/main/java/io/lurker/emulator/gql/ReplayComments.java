package io.lurker.emulator.gql;

import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.Emote;
import io.lurker.emulator.world.Seeds;
import io.lurker.emulator.world.Session;
import io.lurker.emulator.world.Video;
import io.lurker.emulator.world.World;
import io.lurker.emulator.world.WorldData;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The chat replay of an archive VOD, derived from the VOD alone: comments are drawn minute by
 * minute from {@code world.randomFor("gql-replay", video.id())}, as many per minute as the
 * broadcast's audience at that minute suggests. The draw is sequential, so the comments of the
 * first N minutes are the same whatever the VOD's current length (a live archive only grows),
 * and ids are the same on every call and through offset or cursor paging.
 */
@ApplicationScoped
public class ReplayComments {

    private static final List<String> WORDS = List.of("gg", "lol", "nice", "what", "no way", "LETS GO", "clip it",
            "chat", "true", "based", "hi", "o7", "W", "L", "sheesh", "insane", "bro", "wait", "hahaha", "first time here",
            "that was close", "ez", "?", "!!", "huge", "so good", "unlucky", "modCheck", "real", "again", "pog", "rip");
    private static final List<String> NAME_A = List.of("night", "pixel", "cozy", "salty", "quiet", "lucky", "mega",
            "tiny", "brave", "void", "sunny", "frosty", "spicy", "sleepy", "rapid", "odd");
    private static final List<String> NAME_B = List.of("owl", "cat", "bean", "moth", "toast", "duck", "fern", "crab",
            "yeti", "lynx", "goose", "mango", "shark", "otter", "panda", "koi");
    private static final List<String> COLORS = List.of("#FF0000", "#0000FF", "#008000", "#B22222", "#FF7F50", "#9ACD32",
            "#FF4500", "#2E8B57", "#DAA520", "#D2691E", "#5F9EA0", "#1E90FF", "#FF69B4", "#8A2BE2", "#00FF7F");

    /** One comment's message piece: text, or an emote when {@code emoteId} is set. */
    public record Fragment(String text, String emoteId) {
    }

    public record Badge(String setId, String version) {
    }

    public record Commenter(String id, String login, String displayName, String color, List<Badge> badges) {
    }

    public record Comment(int index, String id, int offsetSeconds, Instant createdAt, Commenter commenter,
                          List<Fragment> fragments) {

        public String text() {
            StringBuilder sb = new StringBuilder();
            fragments.forEach(f -> sb.append(f.text()));
            return sb.toString();
        }
    }

    /** A page of comments: {@code [from, to)} of the VOD's comments. */
    public record Page(List<Comment> comments, boolean hasNextPage, boolean hasPreviousPage) {
    }

    private final World world;
    private final GqlEmulatorConfig config;
    private final Map<String, List<Comment>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Comment>> eldest) {
            return size() > 8;
        }
    };

    public ReplayComments(World world, GqlEmulatorConfig config) {
        this.world = world;
        this.config = config;
    }

    /** Every comment of the video as it is now (archives only; highlights and uploads have none). */
    public List<Comment> all(Video video) {
        Session session = video.session();
        if (session == null || !"archive".equals(video.type())) {
            return List.of();
        }
        WorldData data = world.data();
        long length = video.durationSecondsAt(world.now());
        String key = video.id() + "|" + length + "|" + System.identityHashCode(data);
        synchronized (cache) {
            List<Comment> cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<Comment> comments = generate(data, video, session, length);
        synchronized (cache) {
            cache.put(key, comments);
        }
        return comments;
    }

    public Page byOffset(Video video, int offsetSeconds) {
        List<Comment> all = all(video);
        int from = 0;
        while (from < all.size() && all.get(from).offsetSeconds() < offsetSeconds) {
            from++;
        }
        return page(all, from);
    }

    /** The page after the comment the cursor points at; null when the cursor is not one of this video's. */
    public Page byCursor(Video video, String cursor) {
        List<Comment> all = all(video);
        int index = decodeCursor(video, cursor, all);
        return index < 0 ? null : page(all, index + 1);
    }

    private Page page(List<Comment> all, int from) {
        int to = Math.min(all.size(), from + Math.max(1, config.replay().pageSize()));
        return new Page(all.subList(Math.min(from, all.size()), to), to < all.size(), from > 0);
    }

    /** An opaque cursor naming one comment, like Twitch's base64 JSON cursors. */
    public static String cursor(Video video, Comment comment) {
        String json = "{\"id\":\"" + comment.id() + "\",\"v\":\"" + video.id() + "\",\"i\":" + comment.index() + "}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeCursor(Video video, String cursor, List<Comment> all) {
        try {
            String json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            int i = json.indexOf("\"i\":");
            int index = Integer.parseInt(json.substring(i + 4, json.indexOf('}', i)).trim());
            if (index < 0 || index >= all.size() || !json.contains("\"v\":\"" + video.id() + "\"")
                    || !json.contains("\"id\":\"" + all.get(index).id() + "\"")) {
                return -1;
            }
            return index;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private List<Comment> generate(WorldData data, Video video, Session session, long length) {
        SplittableRandom random = world.randomFor("gql-replay", video.id());
        Channel channel = video.owner();
        List<Emote> emotes = new ArrayList<>(data.globalEmotes());
        emotes.addAll(data.channelEmotes(channel));
        int pool = (int) Math.max(12, Math.round(session.peakViewers() * 0.6));
        double rate = config.replay().commentsPerViewerMinute();
        int cap = config.replay().maxCommentsPerMinute();
        Map<Integer, Commenter> commenters = new java.util.HashMap<>();
        List<Comment> comments = new ArrayList<>();
        long minutes = (length + 59) / 60;
        for (long minute = 0; minute < minutes; minute++) {
            Instant at = session.start().plusSeconds(minute * 60);
            double expected = Math.min(cap, session.viewersAt(at) * rate) * (0.7 + 0.6 * random.nextDouble());
            int count = (int) expected + (random.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
            int[] seconds = new int[count];
            for (int i = 0; i < count; i++) {
                seconds[i] = random.nextInt(60);
            }
            Arrays.sort(seconds);
            for (int second : seconds) {
                // always draw the whole comment so that later minutes do not depend on the VOD's current length
                UUID uuid = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
                int chatter = (int) (pool * Math.pow(random.nextDouble(), 2.2));
                List<Fragment> fragments = message(random, emotes);
                long offset = minute * 60 + second;
                if (offset >= length) {
                    continue;
                }
                Commenter commenter = commenters.computeIfAbsent(chatter, k -> commenter(data.seed(), channel, k));
                comments.add(new Comment(comments.size(), uuid.toString(), (int) offset,
                        session.start().plusSeconds(offset).plusMillis(random.nextInt(1000) / 10 * 10L), commenter,
                        fragments));
            }
        }
        return List.copyOf(comments);
    }

    private static List<Fragment> message(SplittableRandom random, List<Emote> emotes) {
        int tokens = 1 + random.nextInt(8);
        List<Fragment> fragments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < tokens; t++) {
            boolean emote = !emotes.isEmpty() && random.nextDouble() < 0.25;
            String word = emote ? null : WORDS.get(random.nextInt(WORDS.size()));
            Emote chosen = emote ? emotes.get(random.nextInt(emotes.size())) : null;
            if (t > 0) {
                text.append(' ');
            }
            if (chosen != null) {
                if (!text.isEmpty()) {
                    fragments.add(new Fragment(text.toString(), null));
                    text.setLength(0);
                }
                fragments.add(new Fragment(chosen.name(), chosen.id()));
            } else {
                text.append(word);
            }
        }
        if (!text.isEmpty()) {
            fragments.add(new Fragment(text.toString(), null));
        }
        return List.copyOf(fragments);
    }

    private static Commenter commenter(long seed, Channel channel, int k) {
        SplittableRandom r = Seeds.random(seed, "gql-replay-chatter", channel.index(), k);
        String login = NAME_A.get(r.nextInt(NAME_A.size())) + NAME_B.get(r.nextInt(NAME_B.size()))
                + (r.nextDouble() < 0.7 ? Integer.toString(r.nextInt(1000)) : "") + "_" + Integer.toString(k, 36);
        String display = r.nextDouble() < 0.4 ? login.substring(0, 1).toUpperCase(Locale.ROOT) + login.substring(1) : login;
        String color = r.nextDouble() < 0.85 ? COLORS.get(r.nextInt(COLORS.size())) : null;
        List<Badge> badges = new ArrayList<>();
        if (k == 0 || r.nextDouble() < 0.03) {
            badges.add(new Badge("moderator", "1"));
        } else if (r.nextDouble() < 0.04) {
            badges.add(new Badge("vip", "1"));
        }
        if (channel.isPartnerOrAffiliate() && r.nextDouble() < 0.35) {
            int[] tiers = {0, 3, 6, 12, 24};
            badges.add(new Badge("subscriber", Integer.toString(tiers[r.nextInt(tiers.length)])));
        }
        if (r.nextDouble() < 0.1) {
            badges.add(new Badge("premium", "1"));
        }
        String id = Long.toString(5_000_000_000L + channel.index() * 1_000_000L + k);
        return new Commenter(id, login, display, color, List.copyOf(badges));
    }
}
