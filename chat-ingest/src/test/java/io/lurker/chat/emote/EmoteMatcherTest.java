package io.lurker.chat.emote;

import static org.assertj.core.api.Assertions.assertThat;

import io.lurker.chat.irc.TwitchEmotes;
import io.lurker.contracts.chat.EmoteOccurrence;
import io.lurker.contracts.chat.EmoteProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmoteMatcherTest {

    private static Emote bttv(String id, String name) {
        return new Emote(EmoteProvider.BTTV, id, name, null);
    }

    private static Emote ffz(String id, String name) {
        return new Emote(EmoteProvider.FFZ, id, name, null);
    }

    private static Emote seventv(String id, String name) {
        return new Emote(EmoteProvider.SEVENTV, id, name, null);
    }

    private final EmoteIndex index = EmoteIndex.of(List.of(
            new EmoteSet(EmoteScope.channel(EmoteProvider.SEVENTV, "1"), List.of(seventv("7a", "catJAM"), seventv("7b", "OMEGALUL"))),
            new EmoteSet(EmoteScope.channel(EmoteProvider.BTTV, "1"), List.of(bttv("b1", "monkaS"))),
            new EmoteSet(EmoteScope.global(EmoteProvider.BTTV), List.of(bttv("bg", "OMEGALUL"), bttv("b2", "FeelsGoodMan"))),
            new EmoteSet(EmoteScope.global(EmoteProvider.FFZ), List.of(ffz("f1", "LUL"), ffz("f2", "Kappa")))));

    @Test
    void matchesWholeCaseSensitiveWordsAndCounts() {
        List<EmoteOccurrence> found = EmoteMatcher.match("catJAM catJAM catjam xcatJAM monkaS, monkaS\tFeelsGoodMan",
                List.of(), index);
        assertThat(found).containsExactly(
                new EmoteOccurrence(EmoteProvider.SEVENTV, "7a", "catJAM", 2),
                new EmoteOccurrence(EmoteProvider.BTTV, "b1", "monkaS", 1),
                new EmoteOccurrence(EmoteProvider.BTTV, "b2", "FeelsGoodMan", 1));
    }

    @Test
    void channelSetsWinOverGlobalOnesOfTheSameName() {
        assertThat(EmoteMatcher.match("OMEGALUL", List.of(), index))
                .containsExactly(new EmoteOccurrence(EmoteProvider.SEVENTV, "7b", "OMEGALUL", 1));
    }

    @Test
    void wordsMarkedAsTwitchEmotesAreNotMatchedAgain() {
        String text = "Kappa LUL Kappa";
        List<TwitchEmotes.Cut> twitch = TwitchEmotes.cut(text, TwitchEmotes.ranges("25:0-4,10-14"));
        List<EmoteOccurrence> found = EmoteMatcher.match(text, twitch, index);
        assertThat(found).containsExactly(
                new EmoteOccurrence(EmoteProvider.TWITCH, "25", "Kappa", 2),
                new EmoteOccurrence(EmoteProvider.FFZ, "f1", "LUL", 1));
    }

    @Test
    void noEmotesGivesAnEmptyList() {
        assertThat(EmoteMatcher.match("just words here", List.of(), index)).isEmpty();
        assertThat(EmoteMatcher.match("", List.of(), EmoteIndex.EMPTY)).isEmpty();
        assertThat(EmoteMatcher.match(null, List.of(), index)).isEmpty();
    }

    @Test
    void emojiAroundWordsKeepOffsets() {
        String text = "\uD83D\uDE00 catJAM \uD83D\uDE00catJAM";
        assertThat(EmoteMatcher.match(text, List.of(), index))
                .containsExactly(new EmoteOccurrence(EmoteProvider.SEVENTV, "7a", "catJAM", 1));
    }
}
