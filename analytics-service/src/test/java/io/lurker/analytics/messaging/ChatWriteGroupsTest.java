package io.lurker.analytics.messaging;

import static io.lurker.analytics.testing.Fixtures.author;
import static io.lurker.analytics.testing.Fixtures.batch;
import static io.lurker.analytics.testing.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.testing.AnalyticsTestResources;
import io.lurker.analytics.testing.Broker;
import io.lurker.analytics.testing.Db;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Group commit of live chat through the real broker and database. To make deliveries gather
 * deterministically, the test holds a row lock the writers need (a per-minute rollup row), lets
 * every writer block on it, publishes the deliveries, waits until all are checked and waiting,
 * and only then releases the lock.
 */
@QuarkusTest
@QuarkusTestResource(AnalyticsTestResources.class)
class ChatWriteGroupsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:05Z");

    @Inject
    ChatWriteGroups groups;

    @Inject
    AnalyticsConfig config;

    @Test
    void gatheredDeliveriesAreStoredInOneTransactionOnceEachAndAcknowledged() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String lockChannel = "lock-" + run;
        List<String> channels = List.of("g1-" + run, "g2-" + run, "g3-" + run);
        List<ChatMessageBatch> deliveries = new ArrayList<>();
        Set<String> distinctIds = new HashSet<>();
        for (int d = 0; d < 30; d++) {
            String channel = channels.get(d % channels.size());
            List<ChatMessage> messages = new ArrayList<>();
            for (int m = 0; m < 5; m++) {
                messages.add(message(channel, "login" + channel, "u" + (d * 5 + m) % 7,
                        "message " + d + "/" + m, T0.plusSeconds(d * 3L + m)));
            }
            deliveries.add(batch("login" + channel, messages));
        }
        // delivery 12 is delivery 5 again (a redelivered batch); delivery 7 repeats two messages of delivery 3
        deliveries.set(12, deliveries.get(5));
        List<ChatMessage> overlapping = new ArrayList<>(deliveries.get(7).messages());
        overlapping.set(0, deliveries.get(3).messages().get(0));
        overlapping.set(1, deliveries.get(3).messages().get(1));
        deliveries.set(7, batch(deliveries.get(7).channelLogin(), overlapping));
        deliveries.forEach(b -> b.messages().forEach(m -> distinctIds.add(m.id())));

        try (Broker broker = new Broker()) {
            long commitsBefore;
            double deliveriesBefore;
            try (Connection lock = holdMinuteRow(broker, lockChannel)) {
                commitsBefore = groups.deliveriesPerCommit().count();
                deliveriesBefore = groups.deliveriesPerCommit().totalAmount();
                for (ChatMessageBatch b : deliveries) {
                    broker.publish(RoutingKeys.chatMessage(b.channelLogin()), b);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == deliveries.size());
                assertThat(count(channels)).isZero();
                lock.commit();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> count(channels) == distinctIds.size());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> groups.waiting() == 0 && groups.writing() == 0);
            // the blocked writers' deliveries, then the 30 gathered ones in at most one write per writer
            long commits = groups.deliveriesPerCommit().count() - commitsBefore;
            double written = groups.deliveriesPerCommit().totalAmount() - deliveriesBefore;
            assertThat(written).isEqualTo(config.chatWriter().threads() + deliveries.size());
            assertThat(commits).isLessThanOrEqualTo(2L * config.chatWriter().threads());
            assertThat(broker.takeDeadLetter(Queues.CHAT_MESSAGE)).isNull();
        }

        String in = "channel_id IN ('" + String.join("','", channels) + "')";
        assertThat(Db.count("SELECT count(*) - count(DISTINCT message_id) FROM chat_message WHERE " + in)).isZero();
        assertThat(Db.count("SELECT sum(messages) FROM chat_minute WHERE " + in)).isEqualTo(distinctIds.size());
        assertThat(Db.count("SELECT sum(messages) FROM chat_minute_chatter WHERE " + in)).isEqualTo(distinctIds.size());
        // unique chatters per minute, counted once however the messages were grouped
        assertThat(Db.count("SELECT sum(unique_chatters) FROM chat_minute WHERE " + in)).isEqualTo(Db.count(
                "SELECT count(*) FROM (SELECT DISTINCT channel_id, date_trunc('minute', sent_at), user_id "
                        + "FROM chat_message WHERE " + in + ") t"));
        // nothing is left in the queue or stored again later
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> queueDepth() == 0 && count(channels) == distinctIds.size());
    }

    @Test
    void aDeliveryTheDatabaseRefusesLeavesItsGroupAndGoesToTheDeadLetterQueueAlone() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String channel = "p-" + run;
        // an author id longer than an index entry may be (2704 bytes): refused by PostgreSQL, SQLSTATE 54000
        StringBuilder longId = new StringBuilder();
        SplittableRandom random = new SplittableRandom(7);
        while (longId.length() < 4000) {
            longId.append((char) ('a' + random.nextInt(26))).append((char) ('0' + random.nextInt(10)));
        }
        List<ChatMessageBatch> deliveries = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            ChatMessage m = d == 4
                    ? message(UUID.randomUUID().toString(), channel, "login" + channel,
                            author(longId.toString(), false, false, false), "too long", T0.plusSeconds(d), 0, List.of())
                    : message(channel, "login" + channel, "u" + d, "fine " + d, T0.plusSeconds(d));
            deliveries.add(batch("login" + channel, List.of(m)));
        }
        try (Broker broker = new Broker()) {
            try (Connection lock = holdMinuteRow(broker, "lockp-" + run)) {
                for (ChatMessageBatch b : deliveries) {
                    broker.publish(RoutingKeys.chatMessage(b.channelLogin()), b);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == deliveries.size());
                lock.commit();
            }
            GetResponse dead = await().atMost(Duration.ofSeconds(30))
                    .until(() -> broker.takeDeadLetter(Queues.CHAT_MESSAGE), response -> response != null);
            assertThat(dead.getProps().getHeaders().get(DeadLetterPublisher.REASON_HEADER).toString())
                    .startsWith("refused by the database (SQLSTATE 54000)");
            await().atMost(Duration.ofSeconds(30)).until(() -> count(List.of(channel)) == 9);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> queueDepth() == 0);
            assertThat(broker.takeDeadLetter(Queues.CHAT_MESSAGE)).isNull();
        }
        assertThat(Db.count("SELECT sum(messages) FROM chat_minute WHERE channel_id = ?", channel)).isEqualTo(9);
    }

    /**
     * Stores one message in the lock channel, then locks its per-minute row and sends one more
     * delivery per writer touching that row: every writer is blocked until the returned
     * connection commits.
     */
    private Connection holdMinuteRow(Broker broker, String lockChannel) throws Exception {
        broker.publish(RoutingKeys.chatMessage("login" + lockChannel),
                batch("login" + lockChannel, List.of(message(lockChannel, "login" + lockChannel, "w", "first", T0))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count(List.of(lockChannel)) == 1 && groups.writing() == 0 && groups.waiting() == 0);
        Connection lock = Db.connect();
        lock.setAutoCommit(false);
        try (PreparedStatement select = lock.prepareStatement(
                "SELECT messages FROM chat_minute WHERE channel_id = ? FOR UPDATE")) {
            select.setString(1, lockChannel);
            select.executeQuery().close();
        }
        int writers = config.chatWriter().threads();
        for (int i = 0; i < writers; i++) {
            // one at a time, so that each lands with a writer of its own
            broker.publish(RoutingKeys.chatMessage("login" + lockChannel), batch("login" + lockChannel,
                    List.of(message(lockChannel, "login" + lockChannel, "w" + i, "blocked " + i, T0.plusSeconds(1)))));
            int taken = i + 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> groups.writing() == taken && groups.waiting() == 0);
        }
        return lock;
    }

    private static long count(List<String> channels) {
        return Db.count("SELECT count(*) FROM chat_message WHERE channel_id = ANY(?)", (Object) channels.toArray(new String[0]));
    }

    private static long queueDepth() throws Exception {
        try (Broker broker = new Broker()) {
            return broker.channel().queueDeclarePassive(AnalyticsTestResources.QUEUE_PREFIX + Queues.CHAT_MESSAGE)
                    .getMessageCount();
        }
    }
}
