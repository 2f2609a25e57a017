package io.lurker.chat.emote;

import io.lurker.contracts.chat.EmoteProvider;

/**
 * One third-party emote as a channel shows it.
 *
 * @param name     the word that shows it, case-sensitive (for 7TV the channel's alias)
 * @param imageUrl an absolute https URL of its smallest image, null when the provider gave none
 */
public record Emote(EmoteProvider provider, String id, String name, String imageUrl) {
}
