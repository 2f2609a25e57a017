package io.lurker.analytics.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Isolates a test run on the shared servers: a schema {@code analytics_test_<random>}, an
 * exchange, queue names and a dead-letter exchange of its own. All are removed at the end.
 */
public class AnalyticsTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    public static final String SCHEMA = "analytics_test_" + RUN;
    public static final String EXCHANGE = "lurker.events.test." + RUN;
    public static final String QUEUE_PREFIX = "analytics-test-" + RUN + ".";
    public static final String DLX = "lurker.analytics.dlx.test." + RUN;
    public static final List<String> QUEUES = List.of("chat-message", "chat-event", "chat-replay", "stream-snapshot",
            "stream-event", "catalog-channel", "catalog-clip", "catalog-clip-views", "catalog-vod", "catalog-category");
    public static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private FakeHelixGateway helix;

    @Override
    public Map<String, String> start() {
        try {
            helix = new FakeHelixGateway();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "lurker.analytics.helix-gateway-url", helix.url(),
                "lurker.analytics.service-token", FakeHelixGateway.TOKEN,
                "lurker.analytics.schema", SCHEMA,
                "lurker.events.exchange", EXCHANGE,
                "lurker.analytics.queue-prefix", QUEUE_PREFIX,
                "lurker.analytics.dead-letter-exchange", DLX);
    }

    @Override
    public void stop() {
        if (helix != null) {
            helix.stop();
        }
        try (var db = DriverManager.getConnection(JDBC_URL, "postgres", "");
                var st = db.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (Exception e) {
            System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
        try (Connection amqp = rabbit().newConnection(); Channel channel = amqp.createChannel()) {
            for (String queue : QUEUES) {
                channel.queueDelete(QUEUE_PREFIX + queue);
                channel.queueDelete(QUEUE_PREFIX + queue + ".dlq");
            }
            channel.exchangeDelete(EXCHANGE);
            channel.exchangeDelete(DLX);
        } catch (Exception e) {
            System.err.println("Could not remove test queues of run " + RUN + ": " + e.getMessage());
        }
    }

    public static ConnectionFactory rabbit() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory;
    }
}
