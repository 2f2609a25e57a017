package io.lurker.chat.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lurker.contracts.EventJson;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventBatch;
import io.lurker.contracts.chat.ChatEventKind;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {

    private final List<OutboundBatch> out = new CopyOnWriteArrayList<>();
    private BatchAssembler assembler;

    @AfterEach
    void close() {
        if (assembler != null) {
            assembler.close();
        }
    }

    private BatchAssembler assembler(int maxRecords, Duration maxDelay, int capacity) {
        assembler = new BatchAssembler(maxRecords, maxDelay, capacity, EventJson.mapper(), out::add, Clock.systemUTC());
        return assembler;
    }

    @Test
    void closesABatchAtMaxRecordsPerChannelInOrder() throws Exception {
        BatchAssembler a = assembler(4, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 10; i++) {
            a.add(message("m" + i, i % 2 == 0 ? "even" : "odd"));
        }
        // five per channel: each channel closed one full batch of 4 at once
        assertThat(out).hasSize(2).allSatisfy(b -> assertThat(b.records()).isEqualTo(4));
        a.flushAll();
        assertThat(out).hasSize(4);
        List<String> evenIds = out.stream().filter(b -> b.routingKey().equals("chat.message.even"))
                .flatMap(b -> read(b).messages().stream()).map(ChatMessage::id).toList();
        assertThat(evenIds).containsExactly("m0", "m2", "m4", "m6", "m8");
        assertThat(out.stream().mapToInt(OutboundBatch::records).sum()).isEqualTo(10);
        assertThat(read(out.get(0)).channelLogin()).isIn("even", "odd");
    }

    @Test
    void closesABatchAfterMaxDelay() throws Exception {
        BatchAssembler a = assembler(500, Duration.ofMillis(50), 1000);
        a.add(message("late", "slow"));
        await().atMost(Duration.ofSeconds(5)).until(() -> out.size() == 1);
        assertThat(out.get(0).routingKey()).isEqualTo("chat.message.slow");
        assertThat(read(out.get(0)).messages()).extracting(ChatMessage::id).containsExactly("late");
    }

    @Test
    void eventsWithoutChannelGoToTheUnparsedKey() throws Exception {
        BatchAssembler a = assembler(10, Duration.ofMinutes(1), 100);
        a.add(event("e1", null));
        a.add(event("e2", "chan"));
        a.flushAll();
        assertThat(out).extracting(OutboundBatch::routingKey)
                .containsExactlyInAnyOrder("chat.event._unparsed", "chat.event.chan");
        OutboundBatch unknown = out.stream().filter(b -> b.routingKey().endsWith("_unparsed")).findFirst().orElseThrow();
        ChatEventBatch batch = readEvents(unknown);
        assertThat(batch.channelLogin()).isNull();
        assertThat(batch.events()).extracting(ChatEvent::id).containsExactly("e1");
    }

    @Test
    void addBlocksWhileTheBufferIsFullUntilRecordsAreReleased() throws Exception {
        BatchAssembler a = assembler(2, Duration.ofMinutes(1), 4);
        for (int i = 0; i < 4; i++) {
            a.add(message("m" + i, "c"));
        }
        assertThat(a.buffered()).isEqualTo(4);
        CompletableFuture<Void> fifth = CompletableFuture.runAsync(() -> {
            try {
                a.add(message("m4", "c"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(fifth).isNotDone();
        a.release(out.get(0).records());
        fifth.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(a.buffered()).isEqualTo(3);
    }

    private static ChatMessageBatch read(OutboundBatch batch) {
        try {
            return EventJson.mapper().readValue(batch.body(), ChatMessageBatch.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChatEventBatch readEvents(OutboundBatch batch) throws java.io.IOException {
        return EventJson.mapper().readValue(batch.body(), ChatEventBatch.class);
    }

    private static ChatMessage message(String id, String channel) {
        Instant now = Instant.now();
        return new ChatMessage(id, ChatSource.LIVE, "1", channel,
                new ChatAuthor("42", "viewer", null, null, Map.of(), Map.of(), false, false, false, false, null),
                "hi", false, now, now, 0, false, false, null, null, null, null, null, List.of(), "raw");
    }

    private static ChatEvent event(String id, String channel) {
        Instant now = Instant.now();
        return new ChatEvent(id, ChatSource.LIVE, ChatEventKind.UNPARSED, null, null, channel, null, null, null, null, null,
                Map.of("reason", "unknown-command"), now, now, "raw");
    }
}
