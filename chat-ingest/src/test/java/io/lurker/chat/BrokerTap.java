package io.lurker.chat;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.lurker.contracts.EventJson;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventBatch;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A test's own auto-deleted queue on the application's (per-run) exchange, bound to every chat
 * key, collecting what chat-ingest publishes together with the routing key it used.
 */
public final class BrokerTap implements AutoCloseable {

    public record Delivered<T>(String routingKey, T record) {
    }

    private static volatile boolean cleanupRegistered;

    private final Connection connection;
    private final List<Delivered<ChatMessage>> messages = new CopyOnWriteArrayList<>();
    private final List<Delivered<ChatEvent>> events = new CopyOnWriteArrayList<>();

    public BrokerTap() throws Exception {
        String exchange = ConfigProvider.getConfig().getValue("lurker.events.exchange", String.class);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        connection = factory.newConnection("chat-ingest-test-tap");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        String queue = channel.queueDeclare("chat-ingest-test-" + UUID.randomUUID(), false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, "chat.message.*");
        channel.queueBind(queue, exchange, "chat.event.*");
        channel.basicConsume(queue, true, (tag, delivery) -> {
            String key = delivery.getEnvelope().getRoutingKey();
            if (key.startsWith("chat.message.")) {
                for (ChatMessage m : EventJson.mapper().readValue(delivery.getBody(), ChatMessageBatch.class).messages()) {
                    messages.add(new Delivered<>(key, m));
                }
            } else {
                for (ChatEvent e : EventJson.mapper().readValue(delivery.getBody(), ChatEventBatch.class).events()) {
                    events.add(new Delivered<>(key, e));
                }
            }
        }, tag -> { });
        registerExchangeCleanup(exchange);
    }

    public List<Delivered<ChatMessage>> messages() {
        return messages;
    }

    public List<Delivered<ChatEvent>> events() {
        return events;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }

    /** The run's exchange is deleted when the test JVM ends, after every test class used it. */
    private static synchronized void registerExchangeCleanup(String exchange) {
        if (cleanupRegistered) {
            return;
        }
        cleanupRegistered = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
                ch.exchangeDelete(exchange);
            } catch (Exception e) {
                // best effort
            }
        }));
    }
}
