package io.lurker.bench.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic, realistic Twitch IRC lines from a seed: the tags of REFERENCE.md §3, emoji
 * (astral code points before emote ranges), replies, bits, /me, shared chat, USERNOTICEs,
 * CLEARCHAT/CLEARMSG/ROOMSTATE/NOTICE/PING/USERSTATE in roughly live proportions.
 * (The emulator's own generator may replace it later; the mix is what matters here.)
 */
public final class ChatCorpus {

    private static final String[] WORDS = {"the", "lol", "what", "is", "this", "gg", "no", "way", "he", "did", "it",
        "again", "chat", "why", "clip", "that", "actually", "insane", "bro", "holy", "wait", "first", "time", "ez",
        "pog", "based", "true", "real", "noo", "yes", "monkaS", "catJAM", "OMEGALUL", "KEKW", "Sadge", "PepeLaugh"};
    private static final String[] TWITCH_EMOTES = {"Kappa", "LUL", "PogChamp", "Kreygasm", "BibleThump", "ResidentSleeper"};
    private static final String[] TWITCH_EMOTE_IDS = {"25", "425618", "305954156", "41", "86", "245"};
    private static final String[] EMOJI = {"\uD83D\uDE02", "\u2764\uFE0F", "\uD83C\uDF89", "\uD83D\uDD25", "\uD83D\uDC80", "\u00e9t\u00e9"};
    private static final String[] COLORS = {"#FF4500", "#1E90FF", "#9ACD32", "#8A2BE2", "", "#DAA520"};
    private static final String[] CHANNELS = {"xqc", "kaicenat", "ibai", "shroud", "pokimane", "zackrawrr", "tarik", "caedrel"};
    private static final String[] NOTICES = {"sub", "resub", "subgift", "submysterygift", "raid", "announcement", "viewermilestone"};

    private ChatCorpus() {
    }

    public static List<String> generate(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(1000);
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            String roomId = Integer.toString(1000 + indexOf(channel));
            if (roll < 880) {
                lines.add(privmsg(random, channel, roomId));
            } else if (roll < 930) {
                lines.add(usernotice(random, channel, roomId));
            } else if (roll < 950) {
                lines.add("@ban-duration=" + (random.nextBoolean() ? "600" : "") + ";room-id=" + roomId + ";target-user-id="
                        + user(random) + ";tmi-sent-ts=" + ts(random) + " :tmi.twitch.tv CLEARCHAT #" + channel + " :user"
                        + random.nextInt(100000));
            } else if (roll < 960) {
                lines.add("@login=user" + random.nextInt(100000) + ";room-id=;target-msg-id=" + uuid(random) + ";tmi-sent-ts="
                        + ts(random) + " :tmi.twitch.tv CLEARMSG #" + channel + " :" + text(random, 6, new StringBuilder()));
            } else if (roll < 970) {
                lines.add("@emote-only=0;followers-only=" + (random.nextBoolean() ? "-1" : "10") + ";r9k=0;room-id=" + roomId
                        + ";slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #" + channel);
            } else if (roll < 980) {
                lines.add("@msg-id=slow_on :tmi.twitch.tv NOTICE #" + channel + " :This room is now in slow mode. You may send messages every 30 seconds.");
            } else if (roll < 990) {
                lines.add("PING :tmi.twitch.tv");
            } else {
                lines.add("@badge-info=;badges=;color=;display-name=justinfan12345;emote-sets=0;mod=0;subscriber=0;user-type= "
                        + ":tmi.twitch.tv USERSTATE #" + channel);
            }
        }
        return lines;
    }

    private static String privmsg(SplittableRandom random, String channel, String roomId) {
        int months = random.nextInt(60);
        String login = "user" + random.nextInt(200000);
        StringBuilder emotes = new StringBuilder();
        String text = text(random, 1 + random.nextInt(14), emotes);
        boolean action = random.nextInt(100) < 3;
        if (action) {
            text = "\u0001ACTION " + text + "\u0001";
        }
        StringBuilder tags = new StringBuilder(600);
        tags.append("@badge-info=").append(months > 0 ? "subscriber/" + months : "")
                .append(";badges=").append(months > 0 ? "subscriber/" + Math.min(months, 48) + ",premium/1" : random.nextBoolean() ? "glhf-pledge/1" : "");
        int roll = random.nextInt(100);
        if (roll < 2) {
            tags.append(";bits=").append(100 * (1 + random.nextInt(50)));
        }
        tags.append(";client-nonce=").append(Long.toHexString(random.nextLong()))
                .append(";color=").append(COLORS[random.nextInt(COLORS.length)])
                .append(";display-name=").append(random.nextInt(20) == 0 ? "\u30E6\u30FC\u30B6\u30FC" + random.nextInt(999) : "User" + login.substring(4))
                .append(";emotes=").append(emotes)
                .append(";first-msg=").append(random.nextInt(50) == 0 ? 1 : 0)
                .append(";flags=;id=").append(uuid(random))
                .append(";mod=").append(random.nextInt(40) == 0 ? 1 : 0);
        if (roll >= 2 && roll < 7) {
            tags.append(";reply-parent-display-name=Someone;reply-parent-msg-body=")
                    .append(text(random, 5, new StringBuilder()).replace("\\", "\\\\").replace(" ", "\\s").replace(";", "\\:"))
                    .append(";reply-parent-msg-id=").append(uuid(random))
                    .append(";reply-parent-user-id=").append(user(random))
                    .append(";reply-parent-user-login=someone;reply-thread-parent-msg-id=").append(uuid(random))
                    .append(";reply-thread-parent-user-login=someone");
        }
        if (roll == 8) {
            tags.append(";msg-id=highlighted-message");
        }
        if (roll == 9) {
            tags.append(";custom-reward-id=").append(uuid(random));
        }
        tags.append(";returning-chatter=").append(random.nextInt(30) == 0 ? 1 : 0)
                .append(";room-id=").append(roomId);
        if (roll >= 10 && roll < 13) {
            tags.append(";source-badge-info=;source-badges=moderator/1;source-id=").append(uuid(random))
                    .append(";source-only=0;source-room-id=").append(9000 + random.nextInt(5));
        }
        tags.append(";subscriber=").append(months > 0 ? 1 : 0)
                .append(";tmi-sent-ts=").append(ts(random))
                .append(";turbo=0;user-id=").append(user(random))
                .append(";user-type=");
        if (random.nextInt(50) == 0) {
            tags.append(";vip=1");
        }
        return tags + " :" + login + "!" + login + "@" + login + ".tmi.twitch.tv PRIVMSG #" + channel + " :" + text;
    }

    private static String usernotice(SplittableRandom random, String channel, String roomId) {
        String type = NOTICES[random.nextInt(NOTICES.length)];
        String login = "user" + random.nextInt(200000);
        StringBuilder params = new StringBuilder();
        String system;
        switch (type) {
            case "sub", "resub" -> {
                params.append(";msg-param-cumulative-months=").append(1 + random.nextInt(60))
                        .append(";msg-param-months=0;msg-param-multimonth-duration=1;msg-param-multimonth-tenure=0;msg-param-should-share-streak=0")
                        .append(";msg-param-sub-plan-name=Channel\\sSubscription\\s(").append(channel).append(")")
                        .append(";msg-param-sub-plan=").append(random.nextBoolean() ? "1000" : "Prime");
                system = login + "\\ssubscribed\\sat\\sTier\\s1.";
            }
            case "subgift" -> {
                params.append(";msg-param-gift-months=1;msg-param-months=3;msg-param-origin-id=").append(uuid(random))
                        .append(";msg-param-recipient-display-name=Lucky;msg-param-recipient-id=").append(user(random))
                        .append(";msg-param-recipient-user-name=lucky;msg-param-sender-count=0;msg-param-sub-plan-name=Channel\\sSubscription;msg-param-sub-plan=1000");
                system = login + "\\sgifted\\sa\\sTier\\s1\\ssub\\sto\\sLucky!";
            }
            case "submysterygift" -> {
                params.append(";msg-param-mass-gift-count=").append(5 * (1 + random.nextInt(10)))
                        .append(";msg-param-origin-id=").append(uuid(random)).append(";msg-param-sender-count=50;msg-param-sub-plan=1000");
                system = login + "\\sis\\sgifting\\s5\\sTier\\s1\\sSubs\\sto\\s" + channel + "'s\\scommunity!";
            }
            case "raid" -> {
                params.append(";msg-param-displayName=Raider;msg-param-login=raider;msg-param-profileImageURL=https://static-cdn.jtvnw.net/x.png")
                        .append(";msg-param-viewerCount=").append(random.nextInt(20000));
                system = "1234\\sraiders\\sfrom\\sRaider\\shave\\sjoined!";
            }
            case "announcement" -> {
                params.append(";msg-param-color=PRIMARY");
                system = "";
            }
            default -> {
                params.append(";msg-param-category=watch-streak;msg-param-copoReward=450;msg-param-id=").append(uuid(random))
                        .append(";msg-param-value=").append(3 + random.nextInt(20));
                system = login + "\\swatched\\s7\\sconsecutive\\sstreams!";
            }
        }
        String trailing = type.equals("resub") || type.equals("announcement") || type.equals("viewermilestone")
                ? " :" + text(random, 3 + random.nextInt(8), new StringBuilder()) : "";
        return "@badge-info=subscriber/3;badges=subscriber/3;color=#FF0000;display-name=User;emotes=;flags=;id=" + uuid(random)
                + ";login=" + login + ";mod=0;msg-id=" + type + params + ";room-id=" + roomId + ";subscriber=1;system-msg=" + system
                + ";tmi-sent-ts=" + ts(random) + ";user-id=" + user(random) + ";user-type= :tmi.twitch.tv USERNOTICE #" + channel + trailing;
    }

    /** Words, some emoji and emotes; Twitch emote ranges appended to {@code emotes} in code points. */
    private static String text(SplittableRandom random, int words, StringBuilder emotes) {
        StringBuilder text = new StringBuilder(words * 8);
        java.util.Map<String, StringBuilder> ranges = new java.util.LinkedHashMap<>();
        int codePoints = 0;
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(' ');
                codePoints++;
            }
            int roll = random.nextInt(100);
            String word;
            if (roll < 15) {
                int e = random.nextInt(TWITCH_EMOTES.length);
                word = TWITCH_EMOTES[e];
                ranges.computeIfAbsent(TWITCH_EMOTE_IDS[e], k -> new StringBuilder())
                        .append(ranges.get(TWITCH_EMOTE_IDS[e]).length() > 0 ? "," : "")
                        .append(codePoints).append('-').append(codePoints + word.length() - 1);
            } else if (roll < 25) {
                word = EMOJI[random.nextInt(EMOJI.length)];
            } else {
                word = WORDS[random.nextInt(WORDS.length)];
            }
            text.append(word);
            codePoints += word.codePointCount(0, word.length());
        }
        boolean first = true;
        for (java.util.Map.Entry<String, StringBuilder> r : ranges.entrySet()) {
            emotes.append(first ? "" : "/").append(r.getKey()).append(':').append(r.getValue());
            first = false;
        }
        return text.toString();
    }

    private static int indexOf(String channel) {
        for (int i = 0; i < CHANNELS.length; i++) {
            if (CHANNELS[i].equals(channel)) {
                return i;
            }
        }
        return 0;
    }

    private static String uuid(SplittableRandom random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String user(SplittableRandom random) {
        return Integer.toString(10_000_000 + random.nextInt(900_000_000));
    }

    private static long ts(SplittableRandom random) {
        return 1_714_564_800_000L + random.nextInt(86_400_000);
    }
}
