package io.lurker.integrity.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Twitch hosts this service talks to (the emulator in dev and tests). Read as single
 * properties, not as a {@code lurker.twitch} mapping: that prefix carries keys for every
 * service (helix-url, irc-host, ...) that this one does not use.
 */
@ApplicationScoped
public class TwitchUrls {

    private final String webUrl;
    private final String gqlUrl;

    public TwitchUrls(@ConfigProperty(name = "lurker.twitch.web-url") String webUrl,
                      @ConfigProperty(name = "lurker.twitch.gql-url") String gqlUrl) {
        this.webUrl = webUrl.endsWith("/") ? webUrl.substring(0, webUrl.length() - 1) : webUrl;
        this.gqlUrl = gqlUrl;
    }

    /** The site whose channel page obtains tokens, e.g. {@code https://www.twitch.tv}. */
    public String webUrl() {
        return webUrl;
    }

    /** The GraphQL endpoint the page calls, e.g. {@code https://gql.twitch.tv/gql}. */
    public String gqlUrl() {
        return gqlUrl;
    }
}
