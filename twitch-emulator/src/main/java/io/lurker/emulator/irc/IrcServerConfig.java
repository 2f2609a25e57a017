package io.lurker.emulator.irc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The emulated TMI server and its chat traffic: {@code lurker.emulator.irc.*}. The two ports are
 * the same keys {@code EmulatorConfig.irc()} reads.
 */
@ConfigMapping(prefix = "lurker.emulator.irc")
public interface IrcServerConfig {

    /** Serve IRC at all. */
    @WithDefault("true")
    boolean enabled();

    /** Interface to listen on. */
    @WithDefault("0.0.0.0")
    String host();

    /** Plain-text port (Twitch: 6667). */
    @WithDefault("6667")
    int port();

    /** TLS port (Twitch: 6697), self-signed certificate made at start-up. */
    @WithDefault("6697")
    int tlsPort();

    /** JOINs an account may send per {@link #joinWindow()} (Twitch: 20, verified bots 2,000); more are dropped. */
    @WithDefault("20")
    int joinLimit();

    @WithDefault("10s")
    Duration joinWindow();

    /** Chat messages per viewer per minute of a live channel. */
    @WithDefault("0.05")
    double messagesPerViewerMinute();

    /** Messages per minute of an offline channel that has joiners. */
    @WithDefault("0.5")
    double offlineMessagesPerMinute();

    /** Most messages per second in one channel (outside firehose mode). */
    @WithDefault("200")
    double maxMessagesPerSecondPerChannel();

    /** How often traffic is generated and written. */
    @WithDefault("50ms")
    Duration tick();

    /** After a RECONNECT the server closes the connection this much later. */
    @WithDefault("2s")
    Duration reconnectGrace();

    /** A connection whose unsent output exceeds this gets no new traffic until it drains. */
    @WithDefault("16777216")
    int writeQueueBytes();
}
