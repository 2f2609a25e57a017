package io.lurker.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** chat-ingest's settings, prefix {@code lurker.chat}. */
@ConfigMapping(prefix = "lurker.chat")
public interface ChatConfig {

    /** Prefix of every Redis key chat-ingest writes. */
    @WithDefault("lurker:chat:")
    String redisPrefix();

    /** Directory of the on-disk spool that holds batches while RabbitMQ is unreachable. */
    @WithName("spool-dir")
    String spoolDir();

    Batch batch();

    Buffer buffer();

    Spool spool();

    Publisher publisher();

    @WithName("import")
    Import importApi();

    Parse parse();

    Irc irc();

    Lease lease();

    Watchlist watchlist();

    Emotes emotes();

    /** Lurker API token (role internal or read) for analytics-service's watchlist; empty: use the configured list. */
    Optional<String> serviceToken();

    interface Irc {
        /** Connect to IRC and join the leased channels at all (off: parse/import only). */
        @WithDefault("true")
        boolean enabled();

        /** Most channels per connection (Twitch clients keep 50–90). */
        @WithDefault("50")
        int channelsPerConnection();

        /** At least this long between two new connections. */
        @WithDefault("1s")
        Duration connectionOpenInterval();

        /** JOINs per {@link #joinWindow()} of this account (Twitch: 20 per 10 s, verified bots 2,000). */
        @WithDefault("20")
        int joinLimit();

        @WithDefault("10s")
        Duration joinWindow();

        /** A JOIN not confirmed by ROOMSTATE within this time is retried (with backoff). */
        @WithDefault("5s")
        Duration joinTimeout();

        /** Longest wait between two JOIN attempts of one channel. */
        @WithDefault("60s")
        Duration joinRetryMax();

        /** Client PING every… */
        @WithDefault("30s")
        Duration pingInterval();

        /** …answered within this, else the link counts as dead. */
        @WithDefault("5s")
        Duration pingTimeout();

        /** First reconnect delay after an error (doubles, with jitter, up to {@link #reconnectMax()}). */
        @WithDefault("1s")
        Duration reconnectMin();

        @WithDefault("60s")
        Duration reconnectMax();

        /** After RECONNECT, the old connection is read until the server closes it, at most this long. */
        @WithDefault("10s")
        Duration drainTimeout();

        /** Connect and read timeout of a socket (no line for this long with a PING outstanding is covered by the ping). */
        @WithDefault("10s")
        Duration connectTimeout();

        /** How often wanted and joined channels are reconciled. */
        @WithDefault("250ms")
        Duration reconcileInterval();

        /** TLS without certificate checks (only for the emulator's self-signed TLS port). */
        @WithDefault("false")
        boolean tlsTrustAll();

        /**
         * How connections log in: {@code anonymous} ({@code justinfan<random>}, no token, no
         * token-pool keys needed) or {@code pool} (a user token with scope {@code chat:read}
         * leased from auth-service's token pool; needs the pool's encryption keys).
         */
        @WithDefault("anonymous")
        LoginMode login();

        /** Which pooled user token to lease when {@code login=pool}. */
        Pool pool();

        enum LoginMode {
            ANONYMOUS, POOL
        }

        interface Pool {
            /** Only tokens of this client id (any when absent). */
            Optional<String> clientId();

            /** Only this Twitch user's tokens (any user when absent). */
            Optional<String> userId();

            /** Longest wait for a token (the user bucket may be empty for a moment). */
            @WithDefault("5s")
            Duration leaseTimeout();

            /**
             * When no usable user token is found (none in the pool, all invalid, Redis or
             * id.twitch.tv unreachable), log in anonymously (true) or wait and retry with the
             * reconnect backoff (false; choose it when {@code join-limit} is a verified bot's,
             * which an anonymous login does not get).
             */
            @WithDefault("true")
            boolean anonymousFallback();
        }
    }

    interface Lease {
        /** Channels this replica reads at most. */
        @WithDefault("1000")
        int capacity();

        /** A lease not renewed within this time is free for other replicas. */
        @WithDefault("15s")
        Duration ttl();

        /** Renewal and claim interval. */
        @WithDefault("5s")
        Duration heartbeat();

        /** This replica's name in the leases (default: random per start). */
        Optional<String> replicaId();
    }

    interface Watchlist {
        /** Channel logins to read when analytics-service is not configured. */
        Optional<List<String>> channels();

        /** analytics-service base URL ({@code GET /api/v1/watchlist}); with {@code service-token} it replaces the list. */
        Optional<String> analyticsUrl();

        /** Reload the whole list this often (deltas arrive on control.watchlist in between). */
        @WithDefault("5m")
        Duration reloadInterval();
    }

    interface Emotes {
        /** Fetch BTTV/FFZ/7TV sets at all. */
        @WithDefault("true")
        boolean enabled();

        /** Refresh every cached set this often. */
        @WithDefault("30m")
        Duration refreshInterval();

        /** After a failed fetch, try again this soon. */
        @WithDefault("1m")
        Duration retryInterval();

        @WithDefault("10s")
        Duration timeout();
    }

    interface Batch {
        /** A batch closes when it holds this many records… */
        @WithDefault("500")
        int maxMessages();

        /** …or when its first record has waited this long. */
        @WithDefault("250ms")
        Duration maxDelay();
    }

    interface Buffer {
        /** Records accepted but not yet confirmed by the broker nor spooled; accept blocks beyond it. */
        @WithDefault("100000")
        int maxMessages();
    }

    interface Spool {
        /** Past this size the spool takes no more batches and the buffer fills (backpressure). */
        @WithDefault("1073741824")
        long maxBytes();

        /** A spool file is closed and a new one started past this size. */
        @WithDefault("16777216")
        long segmentBytes();

        /** fsync after each group of appended batches (off only for throwaway environments). */
        @WithDefault("true")
        boolean fsync();
    }

    interface Publisher {
        @WithDefault("${rabbitmq-host:127.0.0.1}")
        String host();

        @WithDefault("${rabbitmq-port:5672}")
        int port();

        @WithDefault("${rabbitmq-username:guest}")
        String username();

        @WithDefault("${rabbitmq-password:guest}")
        String password();

        @WithDefault("/")
        String virtualHost();

        /** Batches published before waiting for their confirms. */
        @WithDefault("32")
        int window();

        /** A window not confirmed within this time is treated as lost: the connection is dropped and it is spooled. */
        @WithDefault("5s")
        Duration confirmTimeout();

        /** Pause between connection attempts while the broker is unreachable. */
        @WithDefault("1s")
        Duration reconnectInterval();

        /** How long shutdown waits for the broker before it spools what is left. */
        @WithDefault("5s")
        Duration shutdownGrace();
    }

    interface Import {
        /** Largest accepted body of {@code POST /api/v1/chat/import}; more gets a 413 problem. */
        @WithDefault("33554432")
        long maxBodyBytes();
    }

    interface Parse {
        /** Largest accepted body of {@code POST /api/v1/chat/parse}; more gets a 413 problem. */
        @WithDefault("1048576")
        long maxBodyBytes();
    }
}
