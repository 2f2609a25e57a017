package io.lurker.gql.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twitch's GraphQL endpoint and web site (the emulator in dev and tests), read as single
 * properties: the shared {@code lurker.twitch} prefix carries keys of other services.
 */
@ApplicationScoped
public class TwitchUrls {

    private final String gqlUrl;
    private final String webUrl;

    public TwitchUrls(@ConfigProperty(name = "lurker.twitch.gql-url") String gqlUrl,
                      @ConfigProperty(name = "lurker.twitch.web-url") String webUrl) {
        this.gqlUrl = gqlUrl;
        this.webUrl = webUrl.endsWith("/") ? webUrl.substring(0, webUrl.length() - 1) : webUrl;
    }

    public String gqlUrl() {
        return gqlUrl;
    }

    public String webUrl() {
        return webUrl;
    }
}
