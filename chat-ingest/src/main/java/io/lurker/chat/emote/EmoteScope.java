package io.lurker.chat.emote;

import io.lurker.contracts.chat.EmoteProvider;
import java.util.Locale;

/** Whose set it is: a provider's global set ({@code channelId == null}) or one channel's set. */
public record EmoteScope(EmoteProvider provider, String channelId) {

    public static EmoteScope global(EmoteProvider provider) {
        return new EmoteScope(provider, null);
    }

    public static EmoteScope channel(EmoteProvider provider, String channelId) {
        return new EmoteScope(provider, channelId);
    }

    public boolean isGlobal() {
        return channelId == null;
    }

    /** {@code bttv}, {@code ffz}, {@code 7tv}: the providers' JSON names. */
    public String providerSlug() {
        return slug(provider);
    }

    static String slug(EmoteProvider provider) {
        return provider == EmoteProvider.SEVENTV ? "7tv" : provider.name().toLowerCase(Locale.ROOT);
    }

    static EmoteProvider provider(String slug) {
        return switch (slug) {
            case "7tv" -> EmoteProvider.SEVENTV;
            case "bttv" -> EmoteProvider.BTTV;
            case "ffz" -> EmoteProvider.FFZ;
            case "twitch" -> EmoteProvider.TWITCH;
            default -> throw new IllegalArgumentException("unknown emote provider " + slug);
        };
    }

    @Override
    public String toString() {
        return providerSlug() + (isGlobal() ? ":global" : ":channel:" + channelId);
    }
}
