package io.lurker.chat.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lurker.contracts.EventJson;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real broker: the publisher is cut off RabbitMQ by a TCP forwarder while chat
 * keeps coming; every message accepted meanwhile must arrive exactly once, in order per
 * channel, after the link is back — also when the process stops during the outage.
 */
class PublisherOutageTest {

    private static final String[] CHANNELS = {"alpha", "beta", "gamma"};

    @TempDir
    Path spoolDir;

    private final String exchange = "lurker.events.test.outage." + UUID.randomUUID();
    private TcpForwarder forwarder;
    private Connection admin;
    private Channel adminChannel;
    private final List<ChatMessage> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();

    private ChatSpool spool;
    private ConfirmingPublisher publisher;
    private BatchAssembler assembler;

    @BeforeEach
    void setUp() throws Exception {
        forwarder = new TcpForwarder("127.0.0.1", 5672);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        admin = factory.newConnection("chat-outage-test");
        adminChannel = admin.createChannel();
        adminChannel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        String queue = adminChannel.queueDeclare("chat-outage-test-" + UUID.randomUUID(), false, true, true, null).getQueue();
        adminChannel.queueBind(queue, exchange, "chat.message.*");
        adminChannel.basicConsume(queue, true, (tag, delivery) -> {
            deliveries.incrementAndGet();
            received.addAll(EventJson.mapper().readValue(delivery.getBody(), ChatMessageBatch.class).messages());
        }, tag -> { });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (assembler != null) {
            assembler.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        adminChannel.exchangeDelete(exchange);
        admin.close();
        forwarder.close();
    }

    private void startPipeline() throws Exception {
        spool = ChatSpool.open(spoolDir, 64 * 1024, 64L << 20, true);
        BatchAssembler[] ref = new BatchAssembler[1];
        publisher = new ConfirmingPublisher(new ConfirmingPublisher.Settings("127.0.0.1", forwarder.port(), "guest", "guest",
                "/", exchange, 8, Duration.ofSeconds(3), Duration.ofMillis(200)), spool, new ConfirmingPublisher.Listener() {
                    @Override
                    public void released(OutboundBatch batch) {
                        ref[0].release(batch.records());
                    }
                }, Clock.systemUTC());
        assembler = new BatchAssembler(25, Duration.ofMillis(40), 2000, EventJson.mapper(), publisher::submit, Clock.systemUTC());
        ref[0] = assembler;
        publisher.start();
    }

    private void send(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            int n = sequence.getAndIncrement();
            String channel = CHANNELS[n % CHANNELS.length];
            assembler.add(message(n, channel));
        }
    }

    @Test
    void everyMessageAcceptedDuringAnOutageArrivesOnceAndInOrder() throws Exception {
        startPipeline();
        await().atMost(Duration.ofSeconds(20)).until(publisher::connected);
        send(300);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 300);
        assertThat(spool.batches()).isZero();

        forwarder.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.connected());
        int deliveriesBefore = deliveries.get();
        send(1200);
        await().atMost(Duration.ofSeconds(20)).until(() -> assembler.buffered() == 0 && publisher.inMemory() == 0);
        assertThat(spool.batches()).isGreaterThanOrEqualTo(1200 / 25);
        assertThat(deliveries.get()).isEqualTo(deliveriesBefore);
        assertThat(received).hasSize(300);

        forwarder.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 1500 && spool.isEmpty());
        send(150); // and live traffic flows again after the replay
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 1650);
        Thread.sleep(300);
        assertExactlyOnceInOrder(1650);
    }

    @Test
    void batchesSpooledByAProcessStoppedDuringTheOutageAreReplayedByTheNextOne() throws Exception {
        forwarder.cut();
        startPipeline();
        send(400);
        assembler.close();
        publisher.close(); // shutdown while the broker is away: everything ends up in the spool
        long spooled = ChatSpool.open(spoolDir, 64 * 1024, 64L << 20, true).batches();
        assertThat(spooled).isGreaterThanOrEqualTo(400 / 25);
        assertThat(received).isEmpty();

        forwarder.restore();
        startPipeline();
        assertThat(spool.recovery().batches()).isEqualTo(spooled);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 400 && spool.isEmpty());
        Thread.sleep(300);
        assertExactlyOnceInOrder(400);
    }

    private void assertExactlyOnceInOrder(int expected) {
        List<ChatMessage> all = new ArrayList<>(received);
        assertThat(all).hasSize(expected);
        assertThat(all.stream().map(ChatMessage::id).distinct().count()).isEqualTo(expected);
        Map<String, Integer> last = new HashMap<>();
        for (ChatMessage m : all) {
            int n = Integer.parseInt(m.text());
            Integer previous = last.put(m.channelLogin(), n);
            assertThat(previous == null || previous < n)
                    .as("message %d on %s arrived after %s", n, m.channelLogin(), previous).isTrue();
        }
    }

    private static ChatMessage message(int n, String channel) {
        Instant now = Instant.now();
        return new ChatMessage("msg-" + n, ChatSource.LIVE, "1", channel,
                new ChatAuthor("42", "viewer", "Viewer", null, Map.of(), Map.of(), false, false, false, false, null),
                Integer.toString(n), false, now, now, 0, false, false, null, null, null, null, null, List.of(), "raw " + n);
    }
}
