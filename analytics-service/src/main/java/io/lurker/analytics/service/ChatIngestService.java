package io.lurker.analytics.service;

import static io.lurker.analytics.service.InvalidEventException.present;
import static io.lurker.analytics.service.InvalidEventException.require;

import io.lurker.analytics.repository.ChatEventRepository;
import io.lurker.analytics.repository.ChatMessageRepository;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.PartitionedTable;
import io.lurker.contracts.Schema;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventBatch;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatMessageBatch;
import io.lurker.contracts.chat.ChatReplayBatch;
import io.lurker.contracts.chat.ChatSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Stores chat batches: validation, day partitions, then one transaction per batch. */
@ApplicationScoped
public class ChatIngestService {

    private static final List<PartitionedTable> CHAT_TABLES = List.of(PartitionedTable.CHAT_MESSAGE,
            PartitionedTable.CHAT_MINUTE, PartitionedTable.CHAT_MINUTE_CHATTER, PartitionedTable.CHAT_EMOTE_MINUTE,
            PartitionedTable.CHAT_EMOTE_USER_DAY);
    private static final Comparator<ChatMessage> BY_TIME = Comparator.comparing(ChatMessage::sentAt)
            .thenComparing(ChatMessage::id);

    private final Jdbc jdbc;
    private final ChatMessageRepository messages;
    private final ChatEventRepository events;
    private final PartitionMaintainer partitions;

    public ChatIngestService(Jdbc jdbc, ChatMessageRepository messages, ChatEventRepository events,
            PartitionMaintainer partitions) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.events = events;
        this.partitions = partitions;
    }

    /** @return how many messages were new */
    public int store(ChatMessageBatch batch) throws SQLException {
        require(batch != null && batch.messages() != null, "batch has no messages list");
        checkSchema(batch.schema());
        return storeMessages(batch.messages(), null);
    }

    /** Replay comments are stored as chat with source {@code replay}. */
    public int store(ChatReplayBatch batch) throws SQLException {
        require(batch != null && batch.messages() != null, "batch has no messages list");
        checkSchema(batch.schema());
        return storeMessages(batch.messages(), ChatSource.REPLAY);
    }

    /**
     * Checks a live chat batch without storing it: the messages to hand to {@link #storeValidated}.
     *
     * @throws InvalidEventException when the batch or one of its messages can never be stored
     */
    public List<ChatMessage> validated(ChatMessageBatch batch) {
        require(batch != null && batch.messages() != null, "batch has no messages list");
        checkSchema(batch.schema());
        for (int i = 0; i < batch.messages().size(); i++) {
            validate(batch.messages().get(i), i);
        }
        return batch.messages();
    }

    /**
     * Stores live messages already checked by {@link #validated}, possibly gathered from several
     * deliveries, in one transaction; ids repeated across them are stored once.
     *
     * @return how many messages were new
     */
    public int storeValidated(List<ChatMessage> messages) throws SQLException {
        Map<String, ChatMessage> unique = new LinkedHashMap<>();
        for (ChatMessage m : messages) {
            unique.putIfAbsent(m.id(), m);
        }
        return storeUnique(new ArrayList<>(unique.values()), null);
    }

    /** Stores already-validated messages; the bench calls this directly. */
    public int storeMessages(List<ChatMessage> batch, ChatSource forcedSource) throws SQLException {
        Map<String, ChatMessage> unique = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ChatMessage m = batch.get(i);
            validate(m, i);
            if (forcedSource != null && m.source() != forcedSource) {
                m = withSource(m, forcedSource);
            }
            unique.putIfAbsent(m.id(), m);
        }
        return storeUnique(new ArrayList<>(unique.values()), forcedSource);
    }

    private int storeUnique(List<ChatMessage> rows, ChatSource forcedSource) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        // time order: the (sent_at, message_id) key is appended to, and concurrent writers take
        // the locks of messages delivered twice in the same order
        rows.sort(BY_TIME);
        Set<LocalDate> days = new TreeSet<>();
        for (ChatMessage m : rows) {
            days.add(LocalDate.ofInstant(m.sentAt(), ZoneOffset.UTC));
        }
        for (PartitionedTable table : CHAT_TABLES) {
            partitions.ensure(table, days);
        }
        return jdbc.inTransaction(c -> {
            List<ChatMessage> fresh = forcedSource == ChatSource.REPLAY ? withoutLiveTwins(c, rows) : rows;
            return fresh.isEmpty() ? 0 : messages.insert(c, fresh);
        });
    }

    /** Replay comments already stored from live chat (same id, nearly the same time) are not stored again. */
    private List<ChatMessage> withoutLiveTwins(java.sql.Connection c, List<ChatMessage> rows) throws SQLException {
        Map<String, List<ChatMessage>> byChannel = new LinkedHashMap<>();
        for (ChatMessage m : rows) {
            byChannel.computeIfAbsent(m.channelId(), k -> new ArrayList<>()).add(m);
        }
        Set<String> twins = new java.util.HashSet<>();
        for (Map.Entry<String, List<ChatMessage>> channel : byChannel.entrySet()) {
            List<ChatMessage> list = channel.getValue();
            java.time.Instant from = list.stream().map(ChatMessage::sentAt).min(java.util.Comparator.naturalOrder()).get();
            java.time.Instant to = list.stream().map(ChatMessage::sentAt).max(java.util.Comparator.naturalOrder()).get();
            twins.addAll(messages.storedAround(c, channel.getKey(), from, to, list.stream().map(ChatMessage::id).toList()));
        }
        return twins.isEmpty() ? rows : rows.stream().filter(m -> !twins.contains(m.id())).toList();
    }

    /** @return how many events were new */
    public int store(ChatEventBatch batch) throws SQLException {
        require(batch != null && batch.events() != null, "batch has no events list");
        checkSchema(batch.schema());
        Map<String, ChatEvent> unique = new LinkedHashMap<>();
        for (int i = 0; i < batch.events().size(); i++) {
            ChatEvent e = batch.events().get(i);
            require(e != null, "event " + i + " is null");
            require(present(e.id()), "event " + i + " has no id");
            require(e.kind() != null, "event " + e.id() + " has no kind");
            require(e.at() != null, "event " + e.id() + " has no time");
            require(present(e.channelLogin()), "event " + e.id() + " has no channel login");
            unique.putIfAbsent(e.id(), e);
        }
        if (unique.isEmpty()) {
            return 0;
        }
        List<ChatEvent> rows = new ArrayList<>(unique.values());
        Set<LocalDate> days = new TreeSet<>();
        for (ChatEvent e : rows) {
            days.add(LocalDate.ofInstant(e.at(), ZoneOffset.UTC));
        }
        partitions.ensure(PartitionedTable.CHAT_EVENT, days);
        return jdbc.inTransaction(c -> events.insert(c, rows));
    }

    static void checkSchema(int schema) {
        require(schema >= 1 && schema <= Schema.CURRENT,
                "schema version " + schema + " is not supported (1.." + Schema.CURRENT + ")");
    }

    private static void validate(ChatMessage m, int index) {
        require(m != null, "message " + index + " is null");
        require(present(m.id()), "message " + index + " has no id");
        require(m.sentAt() != null, "message " + m.id() + " has no sentAt");
        require(present(m.channelId()), "message " + m.id() + " has no channelId");
        require(present(m.channelLogin()), "message " + m.id() + " has no channelLogin");
        require(m.author() != null && present(m.author().userId()), "message " + m.id() + " has no author userId");
        require(m.text() != null, "message " + m.id() + " has no text");
        require(m.bits() >= 0, "message " + m.id() + " has negative bits");
    }

    private static ChatMessage withSource(ChatMessage m, ChatSource source) {
        return new ChatMessage(m.id(), source, m.channelId(), m.channelLogin(), m.author(), m.text(), m.action(),
                m.sentAt(), m.receivedAt(), m.bits(), m.firstMessage(), m.returningChatter(), m.highlight(),
                m.customRewardId(), m.reply(), m.sharedChat(), m.replay(), m.emotes(), m.raw());
    }
}
