package io.lurker.emulator.irc;

import io.lurker.emulator.world.Channel;
import io.lurker.emulator.world.Emote;
import io.lurker.emulator.world.Seeds;
import io.lurker.emulator.world.WorldData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The chat of one channel as a numbered sequence of IRC lines. Line {@code seq} of a channel
 * depends only on (world seed, channel index, seq) — domain {@code irc-chat} — except its
 * {@code tmi-sent-ts}, so its kind and id can be recomputed later ({@link #idOf}).
 *
 * <p>Mix: ~94 % PRIVMSG (every tag of REFERENCE.md §3; emoji, CJK and other multi-byte text;
 * Twitch emotes with code-point ranges; BTTV/FFZ/7TV words; {@code /me}; replies; bits;
 * highlighted and channel-points messages; ~3 % shared-chat mirrors from a partner channel),
 * ~3 % USERNOTICE (sub, resub, subgift, submysterygift, raid, announcement), ~1 % CLEARCHAT,
 * ~1.5 % CLEARMSG.
 */
public final class ChatLines {

    public enum Kind { PRIVMSG, USERNOTICE, CLEARCHAT, CLEARMSG }

    /** One generated line (without CRLF). {@code id}: the PRIVMSG/USERNOTICE id tag, the CLEARMSG target, else null. */
    public record Line(Kind kind, String id, String text) {
    }

    static final List<String> WORDS = List.of("lol", "gg", "nice", "wp", "what", "is", "this", "play", "the", "game",
            "chat", "omg", "no", "way", "clutch", "hello", "hi", "first", "time", "here", "love", "stream", "pog",
            "today", "again", "why", "yes", "lets", "go", "run", "boss", "fight", "so", "good", "bad", "insane", "mods",
            "ban", "him", "ez", "clip", "it", "streamer", "music", "song", "name", "?", "!", "xD", ":)");
    /** Multi-byte text: astral emoji (two UTF-16 units, one code point), BMP symbols, CJK, accents, a ZWJ family. */
    static final List<String> UNICODE = List.of("😂", "🔥", "👀", "😭", "🙏", "💀", "❤️", "✨", "草", "ありがとう", "你好",
            "안녕", "café", "naïve", "Привет", "👨‍👩‍👧", "🇩🇪", "½", "—");
    static final String[] COLORS = {"#FF0000", "#0000FF", "#008000", "#B22222", "#FF7F50", "#9ACD32", "#FF4500",
            "#2E8B57", "#DAA520", "#D2691E", "#5F9EA0", "#1E90FF", "#FF69B4", "#8A2BE2", "#00FF7F", ""};
    static final String[] CJK_NAMES = {"小明", "ゆき", "김철수", "Ñandú"};

    private final long seed;
    private final WorldData data;
    private final ThirdPartyEmotes thirdParty;

    public ChatLines(WorldData data) {
        this.data = data;
        this.seed = data.seed();
        this.thirdParty = new ThirdPartyEmotes(seed);
    }

    /** The id a line of this channel carries (see {@link Line#id()}), without building the line. */
    public static String idOf(long seed, int channelIndex, long seq) {
        return uuid(Seeds.mix(seed, "irc-id", channelIndex, seq), Seeds.mix(seed, "irc-id2", channelIndex, seq));
    }

    public Kind kindOf(int channelIndex, long seq) {
        double r = Seeds.unit(seed, "irc-kind", channelIndex, seq);
        if (r < 0.03) {
            return Kind.USERNOTICE;
        } else if (r < 0.04) {
            return Kind.CLEARCHAT;
        } else if (r < 0.055 && seq > 0) {
            return Kind.CLEARMSG;
        }
        return Kind.PRIVMSG;
    }

    /** Per-channel material reused by every line of a tick. */
    public final class ChannelContext {
        final Channel channel;
        final List<Emote> twitchEmotes;
        final List<ThirdPartyEmotes.Emote> thirdPartyEmotes;
        final Channel partner;
        /** Chatters of this channel built so far (the pool is bounded; one generator thread uses a context). */
        final java.util.Map<Integer, Chatter> chatters = new java.util.HashMap<>();

        ChannelContext(Channel channel) {
            this.channel = channel;
            List<Emote> emotes = new ArrayList<>(data.globalEmotes());
            emotes.addAll(data.channelEmotes(channel));
            this.twitchEmotes = emotes;
            this.thirdPartyEmotes = thirdParty.usableIn(channel);
            List<Channel> all = data.channels();
            Channel p = all.get(Math.floorMod((int) Seeds.mix(seed, "irc-shared", channel.index()), all.size()));
            this.partner = p.index() == channel.index() ? null : p;
        }
    }

    public ChannelContext context(Channel channel) {
        return new ChannelContext(channel);
    }

    public Line line(ChannelContext ctx, long seq, long sentAtMs) {
        int index = ctx.channel.index();
        Kind kind = kindOf(index, seq);
        SplittableRandom random = Seeds.random(seed, "irc-chat", index, seq);
        StringBuilder sb = new StringBuilder(512);
        String id = idOf(seed, index, seq);
        switch (kind) {
            case USERNOTICE -> usernotice(sb, ctx, random, id, sentAtMs);
            case CLEARCHAT -> {
                clearchat(sb, ctx, random, sentAtMs);
                id = null;
            }
            case CLEARMSG -> id = clearmsg(sb, ctx, random, seq, sentAtMs);
            default -> privmsg(sb, ctx, random, id, sentAtMs);
        }
        return new Line(kind, id, sb.toString());
    }

    private record Chatter(String login, String displayName, String userId, String color, int months, String badges,
                           boolean mod, boolean vip, boolean turbo) {
    }

    private Chatter chatter(ChannelContext ctx, SplittableRandom random) {
        int pool = 50 + (int) Math.min(5000, ctx.channel.popularity() * 2);
        int k = random.nextInt(pool);
        return ctx.chatters.computeIfAbsent(k, key -> newChatter(ctx, key));
    }

    private Chatter newChatter(ChannelContext ctx, int k) {
        SplittableRandom r = Seeds.random(seed, "irc-chatter", ctx.channel.index(), k);
        String login = WORDS.get(r.nextInt(WORDS.size() - 4)).replaceAll("[^a-z]", "x") + "_"
                + WORDS.get(r.nextInt(WORDS.size() - 4)).replaceAll("[^a-z]", "x") + r.nextInt(10_000);
        String display = r.nextDouble() < 0.04 ? CJK_NAMES[r.nextInt(CJK_NAMES.length)] : capitalise(login);
        String userId = Long.toString(400_000_000L + Math.floorMod(Seeds.mix(seed, "irc-user", login.hashCode()), 500_000_000L));
        boolean mod = k % 97 == 3;
        boolean vip = !mod && k % 89 == 5;
        boolean turbo = r.nextDouble() < 0.02;
        int months = r.nextDouble() < 0.35 ? 1 + r.nextInt(60) : 0;
        StringBuilder badges = new StringBuilder();
        if (mod) {
            badges.append("moderator/1");
        }
        if (vip) {
            badges.append("vip/1");
        }
        if (months > 0) {
            append(badges, "subscriber/" + (months >= 24 ? 24 : months >= 12 ? 12 : months >= 6 ? 6 : months >= 3 ? 3 : 0));
        }
        if (r.nextDouble() < 0.1) {
            append(badges, "premium/1");
        }
        if (turbo) {
            append(badges, "turbo/1");
        }
        if (r.nextDouble() < 0.05) {
            append(badges, "bits/" + (100 * (1 + r.nextInt(50))));
        }
        return new Chatter(login, display, userId, COLORS[r.nextInt(COLORS.length)], months, badges.toString(), mod, vip, turbo);
    }

    private static void append(StringBuilder sb, String badge) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(badge);
    }

    private static String capitalise(String login) {
        return Character.toUpperCase(login.charAt(0)) + login.substring(1);
    }

    private void userTags(StringBuilder sb, Chatter c, String roomId) {
        sb.append("badge-info=").append(c.months > 0 ? "subscriber/" + c.months : "")
                .append(";badges=").append(c.badges)
                .append(";color=").append(c.color)
                .append(";display-name=").append(escape(c.displayName))
                .append(";");
    }

    private void privmsg(StringBuilder sb, ChannelContext ctx, SplittableRandom random, String id, long ts) {
        Chatter c = chatter(ctx, random);
        boolean mirrored = ctx.partner != null && random.nextDouble() < 0.03;
        boolean action = random.nextDouble() < 0.03;
        boolean reply = random.nextDouble() < 0.05;
        int bits = random.nextDouble() < 0.02 ? (1 + random.nextInt(20)) * 50 : 0;
        StringBuilder text = new StringBuilder();
        StringBuilder emotesTag = new StringBuilder();
        buildText(ctx, random, text, emotesTag, bits);
        sb.append('@');
        userTags(sb, c, ctx.channel.id());
        if (bits > 0) {
            sb.append("bits=").append(bits).append(';');
        }
        sb.append("client-nonce=").append(Long.toHexString(random.nextLong())).append(Long.toHexString(random.nextLong()));
        if (random.nextDouble() < 0.01) {
            sb.append(";custom-reward-id=").append(uuid(random.nextLong(), random.nextLong()));
        }
        sb.append(";emotes=").append(emotesTag)
                .append(";first-msg=").append(random.nextDouble() < 0.02 ? 1 : 0)
                .append(";flags=")
                .append(";id=").append(id)
                .append(";mod=").append(c.mod ? 1 : 0);
        if (random.nextDouble() < 0.005) {
            sb.append(";msg-id=highlighted-message");
        }
        if (reply) {
            Chatter parent = chatter(ctx, random);
            sb.append(";reply-parent-display-name=").append(escape(parent.displayName))
                    .append(";reply-parent-msg-body=").append(escape(WORDS.get(random.nextInt(WORDS.size())) + " "
                            + UNICODE.get(random.nextInt(UNICODE.size())) + "; \\ ok"))
                    .append(";reply-parent-msg-id=").append(uuid(random.nextLong(), random.nextLong()))
                    .append(";reply-parent-user-id=").append(parent.userId)
                    .append(";reply-parent-user-login=").append(parent.login)
                    .append(";reply-thread-parent-msg-id=").append(uuid(random.nextLong(), random.nextLong()))
                    .append(";reply-thread-parent-user-login=").append(parent.login);
            text.insert(0, "@" + parent.displayName + " ");
            shiftRanges(emotesTag, parent.displayName.codePointCount(0, parent.displayName.length()) + 2);
            // the shifted ranges were already written above; keep the tag consistent by rewriting it
            int at = sb.indexOf(";emotes=") + 8;
            int end = sb.indexOf(";", at);
            sb.replace(at, end, emotesTag.toString());
        }
        sb.append(";returning-chatter=").append(random.nextDouble() < 0.05 ? 1 : 0)
                .append(";room-id=").append(ctx.channel.id());
        if (mirrored) {
            sb.append(";source-badge-info=").append(";source-badges=").append(c.badges.replace("moderator/1", ""))
                    .append(";source-id=").append(uuid(random.nextLong(), random.nextLong()))
                    .append(";source-room-id=").append(ctx.partner.id());
        }
        sb.append(";subscriber=").append(c.months > 0 ? 1 : 0)
                .append(";tmi-sent-ts=").append(ts)
                .append(";turbo=").append(c.turbo ? 1 : 0)
                .append(";user-id=").append(c.userId)
                .append(";user-type=").append(c.mod ? "mod" : "");
        if (c.vip) {
            sb.append(";vip=1");
        }
        sb.append(" :").append(c.login).append('!').append(c.login).append('@').append(c.login)
                .append(".tmi.twitch.tv PRIVMSG #").append(ctx.channel.login()).append(" :");
        if (action) {
            sb.append("\u0001ACTION ").append(text).append('\u0001');
        } else {
            sb.append(text);
        }
    }

    /** Rewrites {@code id:a-b,c-d/...} with every position moved by {@code by}. */
    private static void shiftRanges(StringBuilder emotesTag, int by) {
        if (emotesTag.length() == 0) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (String group : emotesTag.toString().split("/")) {
            int colon = group.indexOf(':');
            out.append(out.length() > 0 ? "/" : "").append(group, 0, colon + 1);
            String[] ranges = group.substring(colon + 1).split(",");
            for (int i = 0; i < ranges.length; i++) {
                String[] ab = ranges[i].split("-");
                out.append(i > 0 ? "," : "").append(Integer.parseInt(ab[0]) + by).append('-').append(Integer.parseInt(ab[1]) + by);
            }
        }
        emotesTag.setLength(0);
        emotesTag.append(out);
    }

    private void buildText(ChannelContext ctx, SplittableRandom random, StringBuilder text, StringBuilder emotesTag, int bits) {
        int words = 1 + random.nextInt(12);
        int codePoints = 0;
        java.util.Map<String, StringBuilder> ranges = new java.util.LinkedHashMap<>();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(' ');
                codePoints++;
            }
            double r = random.nextDouble();
            String word;
            if (r < 0.15 && !ctx.twitchEmotes.isEmpty()) {
                Emote e = ctx.twitchEmotes.get(random.nextInt(ctx.twitchEmotes.size()));
                word = e.name();
                int len = word.codePointCount(0, word.length());
                ranges.computeIfAbsent(e.id(), k -> new StringBuilder()).append(
                        ranges.get(e.id()) != null && ranges.get(e.id()).length() > 0 ? "," : "")
                        .append(codePoints).append('-').append(codePoints + len - 1);
            } else if (r < 0.30 && !ctx.thirdPartyEmotes.isEmpty()) {
                word = ctx.thirdPartyEmotes.get(random.nextInt(ctx.thirdPartyEmotes.size())).name();
            } else if (r < 0.42) {
                word = UNICODE.get(random.nextInt(UNICODE.size()));
            } else {
                word = WORDS.get(random.nextInt(WORDS.size()));
            }
            text.append(word);
            codePoints += word.codePointCount(0, word.length());
        }
        if (bits > 0) {
            text.append(" Cheer").append(bits);
        }
        ranges.forEach((id, list) -> emotesTag.append(emotesTag.length() > 0 ? "/" : "").append(id).append(':').append(list));
    }

    private void usernotice(StringBuilder sb, ChannelContext ctx, SplittableRandom random, String id, long ts) {
        Chatter c = chatter(ctx, random);
        String login = c.login;
        double r = random.nextDouble();
        String msgId;
        StringBuilder params = new StringBuilder();
        String system;
        String userText = null;
        String plan = random.nextDouble() < 0.3 ? "Prime" : random.nextDouble() < 0.85 ? "1000" : random.nextDouble() < 0.5 ? "2000" : "3000";
        if (r < 0.25) {
            msgId = "sub";
            params.append(";msg-param-cumulative-months=1;msg-param-months=0;msg-param-multimonth-duration=1"
                    + ";msg-param-should-share-streak=0;msg-param-sub-plan-name=Channel\\sSubscription;msg-param-sub-plan=")
                    .append(plan);
            system = c.displayName + " subscribed" + (plan.equals("Prime") ? " with Prime." : " at Tier " + plan.charAt(0) + ".");
        } else if (r < 0.55) {
            msgId = "resub";
            int months = 2 + random.nextInt(60);
            params.append(";msg-param-cumulative-months=").append(months).append(";msg-param-months=0")
                    .append(";msg-param-should-share-streak=1;msg-param-streak-months=").append(1 + random.nextInt(months))
                    .append(";msg-param-sub-plan-name=Channel\\sSubscription;msg-param-sub-plan=").append(plan);
            system = c.displayName + " subscribed at Tier 1. They've subscribed for " + months + " months!";
            userText = WORDS.get(random.nextInt(WORDS.size())) + " " + UNICODE.get(random.nextInt(UNICODE.size()));
        } else if (r < 0.75) {
            msgId = "subgift";
            Chatter to = chatter(ctx, random);
            params.append(";msg-param-gift-months=1;msg-param-months=").append(1 + random.nextInt(12))
                    .append(";msg-param-origin-id=").append(Long.toHexString(random.nextLong()))
                    .append(";msg-param-recipient-display-name=").append(escape(to.displayName))
                    .append(";msg-param-recipient-id=").append(to.userId)
                    .append(";msg-param-recipient-user-name=").append(to.login)
                    .append(";msg-param-sender-count=").append(random.nextInt(100))
                    .append(";msg-param-sub-plan-name=Channel\\sSubscription;msg-param-sub-plan=1000");
            system = c.displayName + " gifted a Tier 1 sub to " + to.displayName + "!";
        } else if (r < 0.85) {
            msgId = "submysterygift";
            int count = 1 + random.nextInt(50);
            params.append(";msg-param-mass-gift-count=").append(count)
                    .append(";msg-param-origin-id=").append(Long.toHexString(random.nextLong()))
                    .append(";msg-param-sender-count=").append(count + random.nextInt(500))
                    .append(";msg-param-sub-plan=1000");
            system = c.displayName + " is gifting " + count + " Tier 1 Subs to " + ctx.channel.displayName() + "'s community!";
        } else if (r < 0.95) {
            msgId = "raid";
            int viewers = 1 + random.nextInt(2000);
            params.append(";msg-param-displayName=").append(escape(c.displayName))
                    .append(";msg-param-login=").append(login)
                    .append(";msg-param-profileImageURL=https://static-cdn.jtvnw.net/jtv_user_pictures/x-70x70.png")
                    .append(";msg-param-viewerCount=").append(viewers);
            system = viewers + " raiders from " + c.displayName + " have joined!";
        } else {
            msgId = "announcement";
            params.append(";msg-param-color=PRIMARY");
            system = "";
            userText = "announcement: " + WORDS.get(random.nextInt(WORDS.size())) + " 🎉";
        }
        sb.append('@');
        userTags(sb, c, ctx.channel.id());
        sb.append("emotes=;flags=;id=").append(id).append(";login=").append(login)
                .append(";mod=").append(c.mod ? 1 : 0).append(";msg-id=").append(msgId).append(params)
                .append(";room-id=").append(ctx.channel.id())
                .append(";subscriber=").append(c.months > 0 ? 1 : 0)
                .append(";system-msg=").append(escape(system))
                .append(";tmi-sent-ts=").append(ts)
                .append(";user-id=").append(c.userId)
                .append(";user-type=").append(c.mod ? "mod" : "")
                .append(" :tmi.twitch.tv USERNOTICE #").append(ctx.channel.login());
        if (userText != null) {
            sb.append(" :").append(userText);
        }
    }

    private void clearchat(StringBuilder sb, ChannelContext ctx, SplittableRandom random, long ts) {
        Chatter c = chatter(ctx, random);
        double r = random.nextDouble();
        if (r < 0.05) {
            sb.append("@room-id=").append(ctx.channel.id()).append(";tmi-sent-ts=").append(ts)
                    .append(" :tmi.twitch.tv CLEARCHAT #").append(ctx.channel.login());
            return;
        }
        sb.append('@');
        if (r < 0.8) {
            sb.append("ban-duration=").append(new int[]{1, 10, 60, 600, 3600, 86400}[random.nextInt(6)]).append(';');
        }
        sb.append("room-id=").append(ctx.channel.id()).append(";target-user-id=").append(c.userId)
                .append(";tmi-sent-ts=").append(ts)
                .append(" :tmi.twitch.tv CLEARCHAT #").append(ctx.channel.login()).append(" :").append(c.login);
    }

    private String clearmsg(StringBuilder sb, ChannelContext ctx, SplittableRandom random, long seq, long ts) {
        long target = Math.max(0, seq - 1 - random.nextInt((int) Math.min(seq, 20)));
        String targetId = idOf(seed, ctx.channel.index(), target);
        Chatter c = chatter(ctx, random);
        sb.append("@login=").append(c.login).append(";room-id=").append(";target-msg-id=").append(targetId)
                .append(";tmi-sent-ts=").append(ts)
                .append(" :tmi.twitch.tv CLEARMSG #").append(ctx.channel.login()).append(" :")
                .append(WORDS.get(random.nextInt(WORDS.size()))).append(' ').append(UNICODE.get(random.nextInt(UNICODE.size())));
        return targetId;
    }

    /** IRCv3 tag value escaping. */
    static String escape(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            String rep = switch (ch) {
                case ';' -> "\\:";
                case ' ' -> "\\s";
                case '\\' -> "\\\\";
                case '\r' -> "\\r";
                case '\n' -> "\\n";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(ch);
                }
            }
        }
        return sb == null ? value : sb.toString();
    }

    static String uuid(long hi, long lo) {
        hi = (hi & ~0xF000L) | 0x4000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }
}
