package io.lurker.analytics.messaging;

import io.lurker.analytics.service.CatalogIngestService;
import io.lurker.analytics.service.ChatIngestService;
import io.lurker.analytics.service.StreamIngestService;
import io.lurker.contracts.catalog.CategoryBatch;
import io.lurker.contracts.catalog.ChannelBatch;
import io.lurker.contracts.catalog.ClipBatch;
import io.lurker.contracts.catalog.ClipViewsBatch;
import io.lurker.contracts.catalog.VodBatch;
import io.lurker.contracts.chat.ChatEventBatch;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatReplayBatch;
import io.lurker.contracts.stream.StreamEvent;
import io.lurker.contracts.stream.StreamSnapshotBatch;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The consumers of every event analytics-service stores. Each delivery is decoded on the
 * {@code analytics-ingest} worker pool (several at once, unordered), stored in one transaction and
 * acknowledged after the commit; live chat deliveries share their transaction with the others
 * gathered meanwhile ({@link ChatWriteGroups}).
 */
@ApplicationScoped
public class EventConsumers {

    private static final String POOL = "analytics-ingest";
    private static final String CHAT_POOL = "analytics-chat";

    private final IngestHandler handler;
    private final ChatIngestService chat;
    private final StreamIngestService streams;
    private final CatalogIngestService catalog;
    private final ChatWriteGroups chatWriter;

    public EventConsumers(IngestHandler handler, ChatIngestService chat, StreamIngestService streams,
            CatalogIngestService catalog, ChatWriteGroups chatWriter) {
        this.handler = handler;
        this.chatWriter = chatWriter;
        this.chat = chat;
        this.streams = streams;
        this.catalog = catalog;
    }

    // its own pool: a delivery holds a slot of the pool until its group commits, so the pool's
    // concurrency bounds how many deliveries a group can gather (with the channel's prefetch)
    @Incoming("chat-messages")
    @Blocking(value = CHAT_POOL, ordered = false)
    public CompletionStage<Void> chatMessages(Message<byte[]> message) {
        // decoded and checked here, stored with the deliveries gathered meanwhile (group commit)
        return handler.handleLater(Queues.CHAT_MESSAGE, message, ChatMessageBatch.class,
                batch -> chatWriter.submit(chat.validated(batch)));
    }

    @Incoming("chat-events")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> chatEvents(Message<byte[]> message) {
        return handler.handle(Queues.CHAT_EVENT, message, ChatEventBatch.class, chat::store);
    }

    @Incoming("chat-replays")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> chatReplays(Message<byte[]> message) {
        return handler.handle(Queues.CHAT_REPLAY, message, ChatReplayBatch.class, chat::store);
    }

    @Incoming("stream-snapshots")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> streamSnapshots(Message<byte[]> message) {
        return handler.handle(Queues.STREAM_SNAPSHOT, message, StreamSnapshotBatch.class, streams::store);
    }

    @Incoming("stream-events")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> streamEvents(Message<byte[]> message) {
        return handler.handle(Queues.STREAM_EVENT, message, StreamEvent.class, streams::store);
    }

    @Incoming("catalog-channels")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> channels(Message<byte[]> message) {
        return handler.handle(Queues.CATALOG_CHANNEL, message, ChannelBatch.class, catalog::store);
    }

    @Incoming("catalog-clips")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> clips(Message<byte[]> message) {
        return handler.handle(Queues.CATALOG_CLIP, message, ClipBatch.class, catalog::store);
    }

    @Incoming("catalog-clip-views")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> clipViews(Message<byte[]> message) {
        return handler.handle(Queues.CATALOG_CLIP_VIEWS, message, ClipViewsBatch.class, catalog::store);
    }

    @Incoming("catalog-vods")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> vods(Message<byte[]> message) {
        return handler.handle(Queues.CATALOG_VOD, message, VodBatch.class, catalog::store);
    }

    @Incoming("catalog-categories")
    @Blocking(value = POOL, ordered = false)
    public CompletionStage<Void> categories(Message<byte[]> message) {
        return handler.handle(Queues.CATALOG_CATEGORY, message, CategoryBatch.class, catalog::store);
    }
}
