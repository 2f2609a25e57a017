package io.lurker.analytics.messaging;

/**
 * The queues analytics-service consumes, as suffixes of {@code lurker.analytics.queue-prefix}
 * (default {@code analytics.}). Each is a quorum queue with a dead-letter queue
 * {@code <queue>.dlq}; the bindings are in application.properties.
 */
public final class Queues {

    public static final String CHAT_MESSAGE = "chat-message";
    public static final String CHAT_EVENT = "chat-event";
    public static final String CHAT_REPLAY = "chat-replay";
    public static final String STREAM_SNAPSHOT = "stream-snapshot";
    public static final String STREAM_EVENT = "stream-event";
    public static final String CATALOG_CHANNEL = "catalog-channel";
    public static final String CATALOG_CLIP = "catalog-clip";
    public static final String CATALOG_CLIP_VIEWS = "catalog-clip-views";
    public static final String CATALOG_VOD = "catalog-vod";
    public static final String CATALOG_CATEGORY = "catalog-category";

    private Queues() {
    }
}
