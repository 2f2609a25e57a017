package io.lurker.analytics.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.lurker.contracts.EventJson;
import java.nio.charset.StandardCharsets;

/** Publishes events to the test run's exchange and reads its dead-letter queues, through the real broker. */
public final class Broker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    public Broker() throws Exception {
        connection = AnalyticsTestResources.rabbit().newConnection();
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    public void publish(String routingKey, Object event) throws Exception {
        publishRaw(routingKey, EventJson.mapper().writeValueAsBytes(event));
    }

    public void publishRaw(String routingKey, byte[] body) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).build();
        channel.basicPublish(AnalyticsTestResources.EXCHANGE, routingKey, props, body);
        channel.waitForConfirmsOrDie(10_000);
    }

    public void publishRaw(String routingKey, String body) throws Exception {
        publishRaw(routingKey, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes one message from the dead-letter queue of a queue (suffix such as {@code chat-message}). */
    public GetResponse takeDeadLetter(String queueSuffix) throws Exception {
        return channel.basicGet(AnalyticsTestResources.QUEUE_PREFIX + queueSuffix + ".dlq", true);
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void close() throws Exception {
        channel.close();
        connection.close();
    }
}
