package io.lurker.chat.emote;

/** The hot-path side of the emote cache: memory only, no I/O per message. */
public interface EmoteLookup {

    /** The merged third-party emotes shown in a channel; the global ones only when {@code channelId} is null or unknown. */
    EmoteIndex index(String channelId);
}
