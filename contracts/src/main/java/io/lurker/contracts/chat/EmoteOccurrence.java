package io.lurker.contracts.chat;

/**
 * One emote used in a message, {@code count} times. {@code name} is the text that was shown
 * (for Twitch emotes cut from the message by code-point ranges; for 7TV the channel's alias).
 */
public record EmoteOccurrence(EmoteProvider provider, String id, String name, int count) {
}
