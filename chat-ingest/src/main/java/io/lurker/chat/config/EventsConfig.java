package io.lurker.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The suite-wide event exchange ({@code lurker.events.exchange}, DEVELOPERS.md). */
@ConfigMapping(prefix = "lurker.events")
public interface EventsConfig {

    @WithDefault("lurker.events")
    String exchange();
}
