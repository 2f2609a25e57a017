package io.lurker.chat.emote;

import io.lurker.chat.irc.TwitchEmotes;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the emotes of one message: Twitch's own from the {@code emotes} tag ranges, the
 * third-party ones by whole whitespace-separated, case-sensitive words. A word Twitch already
 * marked as its emote is not matched again.
 */
public final class EmoteMatcher {

    private EmoteMatcher() {
    }

    /**
     * @param text   the message text (ACTION markers already removed, as the ranges expect)
     * @param twitch Twitch emotes cut from that text, in text order
     * @param index  the channel's third-party emotes
     * @return occurrences aggregated per (provider, id, name) in order of first appearance
     */
    public static List<EmoteOccurrence> match(String text, List<TwitchEmotes.Cut> twitch, EmoteIndex index) {
        Map<Key, int[]> counts = null;
        for (TwitchEmotes.Cut cut : twitch) {
            counts = count(counts, new Key(EmoteProvider.TWITCH, cut.emoteId(), cut.name()));
        }
        if (text != null && !index.isEmpty()) {
            int n = text.length();
            int twitchAt = 0;
            int i = 0;
            while (i < n) {
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i == start || !index.mayMatch(i - start)) {
                    continue;
                }
                while (twitchAt < twitch.size() && twitch.get(twitchAt).charEnd() <= start) {
                    twitchAt++;
                }
                if (twitchAt < twitch.size() && twitch.get(twitchAt).charStart() < i) {
                    continue; // overlaps a Twitch emote
                }
                Emote emote = index.find(text.substring(start, i));
                if (emote != null) {
                    counts = count(counts, new Key(emote.provider(), emote.id(), emote.name()));
                }
            }
        }
        if (counts == null) {
            return List.of();
        }
        List<EmoteOccurrence> occurrences = new ArrayList<>(counts.size());
        counts.forEach((key, count) -> occurrences.add(new EmoteOccurrence(key.provider, key.id, key.name, count[0])));
        return occurrences;
    }

    private static Map<Key, int[]> count(Map<Key, int[]> counts, Key key) {
        Map<Key, int[]> map = counts == null ? new LinkedHashMap<>() : counts;
        map.computeIfAbsent(key, k -> new int[1])[0]++;
        return map;
    }

    private record Key(EmoteProvider provider, String id, String name) {
    }
}
