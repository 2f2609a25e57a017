package io.lurker.chat.emote;

import java.util.List;

/** The emotes one provider offers in one scope, as fetched. A channel without an account has an empty set. */
public record EmoteSet(EmoteScope scope, List<Emote> emotes) {

    public EmoteSet {
        emotes = List.copyOf(emotes);
    }

    public static EmoteSet empty(EmoteScope scope) {
        return new EmoteSet(scope, List.of());
    }
}
