package io.lurker.chat.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.lurker.chat.config.ChatConfig;
import io.lurker.contracts.RoutingKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The channels chat-ingest should read. With {@code lurker.chat.watchlist.analytics-url} and
 * {@code lurker.chat.service-token}: analytics-service's watchlist ({@code GET /api/v1/watchlist}
 * at start-up and every {@code reload-interval}) plus the {@code control.watchlist} deltas from
 * RabbitMQ (a version gap triggers a full reload). Otherwise {@code lurker.chat.watchlist.channels}
 * plus the deltas.
 */
public final class WatchlistSource {

    private static final Logger LOG = Logger.getLogger(WatchlistSource.class);

    private final ChatConfig config;
    private final String exchange;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile long version = -1;
    private volatile Connection connection;

    public WatchlistSource(ChatConfig config, String exchange, ObjectMapper json) {
        this.config = config;
        this.exchange = exchange;
        this.json = json;
        config.watchlist().channels().ifPresent(list -> list.forEach(c -> {
            String login = normalise(c);
            if (!login.isEmpty()) {
                channels.add(login);
            }
        }));
    }

    static String normalise(String login) {
        return login == null ? "" : login.trim().toLowerCase(Locale.ROOT).replace("#", "");
    }

    public Set<String> channels() {
        return Collections.unmodifiableSet(channels);
    }

    boolean fromAnalytics() {
        return config.watchlist().analyticsUrl().filter(u -> !u.isBlank()).isPresent()
                && config.serviceToken().filter(t -> !t.isBlank()).isPresent();
    }

    /** Reloads from analytics-service when configured; false when it is not or the call failed. */
    public boolean reload() {
        if (!fromAnalytics()) {
            return false;
        }
        String url = config.watchlist().analyticsUrl().get().replaceAll("/+$", "") + "/api/v1/watchlist";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + config.serviceToken().get()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warnf("watchlist from analytics-service: HTTP %d", response.statusCode());
                return false;
            }
            JsonNode root = json.readTree(response.body());
            Set<String> fresh = new LinkedHashSet<>();
            for (JsonNode entry : root.path("entries")) {
                if ("channel".equals(entry.path("kind").asText()) && !entry.path("name").asText().isBlank()) {
                    fresh.add(normalise(entry.path("name").asText()));
                }
            }
            channels.retainAll(fresh);
            channels.addAll(fresh);
            version = root.path("version").asLong(-1);
            return true;
        } catch (IOException e) {
            LOG.warnf("watchlist from analytics-service failed: %s", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Applies one {@code control.watchlist} message. */
    public void apply(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            long v = root.path("version").asLong(-1);
            if (fromAnalytics() && version >= 0 && v != version + 1 && v > version) {
                LOG.infof("watchlist version gap (%d after %d): reloading", v, version);
                if (reload()) {
                    return;
                }
            }
            for (JsonNode e : root.path("removed")) {
                if ("channel".equals(e.path("kind").asText())) {
                    channels.remove(normalise(e.path("name").asText()));
                }
            }
            for (JsonNode e : root.path("added")) {
                if ("channel".equals(e.path("kind").asText())) {
                    String login = normalise(e.path("name").asText());
                    if (!login.isEmpty()) {
                        channels.add(login);
                    }
                }
            }
            if (v > version) {
                version = v;
            }
        } catch (IOException e) {
            LOG.warnf("unreadable control.watchlist message: %s", e.getMessage());
        }
    }

    /** Subscribes to {@code control.watchlist} with an exclusive, auto-deleted queue of this replica. */
    public void subscribe(ChatConfig.Publisher broker) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        try {
            Connection c = factory.newConnection("lurker-chat-ingest-watchlist");
            Channel ch = c.createChannel();
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            String queue = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(queue, exchange, RoutingKeys.CONTROL_WATCHLIST);
            ch.basicConsume(queue, true, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    apply(body);
                }
            });
            connection = c;
        } catch (Exception e) {
            LOG.warnf("control.watchlist not subscribed (%s); the list changes only on reload", e.getMessage());
        }
    }

    public void close() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close(2_000);
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    Optional<Long> version() {
        return version < 0 ? Optional.empty() : Optional.of(version);
    }
}
