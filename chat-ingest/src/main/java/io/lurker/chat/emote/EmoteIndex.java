package io.lurker.chat.emote;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word → emote for one channel: the channel's and the global sets of BTTV, FFZ and 7TV merged
 * in a fixed precedence. Immutable; built when a set changes, read on every message.
 */
public final class EmoteIndex {

    public static final EmoteIndex EMPTY = new EmoteIndex(Map.of(), 0);

    private final Map<String, Emote> byName;
    private final int maxNameLength;

    private EmoteIndex(Map<String, Emote> byName, int maxNameLength) {
        this.byName = byName;
        this.maxNameLength = maxNameLength;
    }

    /**
     * Merges sets given from highest to lowest precedence: the first set naming a word wins.
     * Lurker's order (see README): channel 7TV, channel BTTV, channel FFZ, global 7TV, global
     * BTTV, global FFZ — a channel's own emote hides a global one of the same name, as the
     * browser extensions show it.
     */
    public static EmoteIndex of(List<EmoteSet> byPrecedence) {
        Map<String, Emote> byName = new HashMap<>();
        int max = 0;
        for (EmoteSet set : byPrecedence) {
            if (set == null) {
                continue;
            }
            for (Emote emote : set.emotes()) {
                if (emote.name() == null || emote.name().isEmpty()) {
                    continue;
                }
                if (byName.putIfAbsent(emote.name(), emote) == null) {
                    max = Math.max(max, emote.name().length());
                }
            }
        }
        return byName.isEmpty() ? EMPTY : new EmoteIndex(Map.copyOf(byName), max);
    }

    /** The emote shown for this exact (case-sensitive) word, or null. */
    public Emote find(String word) {
        return byName.get(word);
    }

    /** Whether any emote name has this length; lets the matcher skip most words without a substring. */
    boolean mayMatch(int wordLength) {
        return wordLength <= maxNameLength;
    }

    public int size() {
        return byName.size();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
