package io.lurker.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

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
