package io.lurker.bench.analytics;

import io.lurker.contracts.Schema;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic chat that looks like a busy Twitch evening: a few hot channels, a long tail of
 * chatters, a third of the messages with emotes from the four providers, raw IRC lines with
 * the usual tags (about 400 bytes each).
 */
public final class ChatCorpus {

    private static final String[] WORDS = {"pog", "lol", "what", "is", "this", "play", "gg", "no", "way", "chat",
        "he", "did", "it", "again", "clip", "that", "insane", "lmao", "wait", "for", "it", "bro", "true", "real"};
    private static final EmoteOccurrence[] EMOTES = {
        new EmoteOccurrence(EmoteProvider.TWITCH, "25", "Kappa", 1),
        new EmoteOccurrence(EmoteProvider.TWITCH, "88", "PogChamp", 1),
        new EmoteOccurrence(EmoteProvider.TWITCH, "354", "4Head", 1),
        new EmoteOccurrence(EmoteProvider.BTTV, "56e9f494fff3cc5c35e5287e", "monkaS", 1),
        new EmoteOccurrence(EmoteProvider.BTTV, "5590b223b344e2c42a9e28e3", "FeelsBadMan", 1),
        new EmoteOccurrence(EmoteProvider.FFZ, "128054", "OMEGALUL", 1),
        new EmoteOccurrence(EmoteProvider.FFZ, "210748", "Pepega", 1),
        new EmoteOccurrence(EmoteProvider.SEVENTV, "60ae958e229664e8667aea38", "catJAM", 1),
        new EmoteOccurrence(EmoteProvider.SEVENTV, "603cb219c20d020014423c34", "KEKW", 1)};

    private final SplittableRandom random;
    private final int channels;
    private final int users;

    public ChatCorpus(long seed, int channels, int users) {
        this.random = new SplittableRandom(seed);
        this.channels = channels;
        this.users = users;
    }

    /** The login of channel {@code i}. */
    public static String channelLogin(int i) {
        return "benchchannel" + i;
    }

    public static String channelId(int i) {
        return String.valueOf(100_000 + i);
    }

    /** A channel index skewed towards the first channels (hot channels get most chat). */
    public int channel() {
        double u = random.nextDouble();
        return (int) Math.min(channels - 1, Math.floor(channels * u * u * u));
    }

    /** One message in channel {@code c} sent at {@code at}. */
    public ChatMessage message(int c, Instant at) {
        int user = (int) Math.min(users - 1, Math.floor(users * Math.pow(random.nextDouble(), 2)));
        String userId = String.valueOf(10_000_000 + user);
        String login = "viewer" + user;
        boolean sub = random.nextInt(4) == 0;
        boolean mod = random.nextInt(200) == 0;
        boolean vip = random.nextInt(100) == 0;
        int bits = random.nextInt(500) == 0 ? 100 : 0;
        StringBuilder text = new StringBuilder();
        int words = 1 + random.nextInt(12);
        List<EmoteOccurrence> emotes = new ArrayList<>(2);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(' ');
            }
            if (random.nextInt(8) == 0) {
                EmoteOccurrence e = EMOTES[random.nextInt(EMOTES.length)];
                text.append(e.name());
                emotes.add(e);
            } else {
                text.append(WORDS[random.nextInt(WORDS.length)]);
            }
        }
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        String channelLogin = channelLogin(c);
        Map<String, String> badges = sub ? Map.of("subscriber", "12") : Map.of();
        ChatAuthor author = new ChatAuthor(userId, login, "Viewer" + user, "#1E90FF", badges,
                sub ? Map.of("subscriber", "14") : Map.of(), sub, mod, vip, false, mod ? "mod" : "");
        String raw = "@badge-info=" + (sub ? "subscriber/14" : "") + ";badges=" + (sub ? "subscriber/12" : "")
                + ";color=#1E90FF;display-name=Viewer" + user + ";emotes=;first-msg=0;flags=;id=" + id
                + ";mod=" + (mod ? 1 : 0) + ";returning-chatter=0;room-id=" + channelId(c) + ";subscriber="
                + (sub ? 1 : 0) + ";tmi-sent-ts=" + at.toEpochMilli() + ";turbo=0;user-id=" + userId
                + ";user-type= :" + login + "!" + login + "@" + login + ".tmi.twitch.tv PRIVMSG #" + channelLogin
                + " :" + text;
        return new ChatMessage(id, ChatSource.LIVE, channelId(c), channelLogin, author, text.toString(), false, at,
                at.plusMillis(80), bits, false, false, null, null, null, null, null, mergeEmotes(emotes), raw);
    }

    public static ChatMessageBatch batch(String channelLogin, List<ChatMessage> messages) {
        return new ChatMessageBatch(Schema.CURRENT, UUID.randomUUID().toString(), channelLogin, Instant.now(), messages);
    }

    private static List<EmoteOccurrence> mergeEmotes(List<EmoteOccurrence> emotes) {
        List<EmoteOccurrence> merged = new ArrayList<>();
        for (EmoteOccurrence e : emotes) {
            int found = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).id().equals(e.id())) {
                    found = i;
                }
            }
            if (found < 0) {
                merged.add(e);
            } else {
                EmoteOccurrence m = merged.get(found);
                merged.set(found, new EmoteOccurrence(m.provider(), m.id(), m.name(), m.count() + 1));
            }
        }
        return merged;
    }
}
