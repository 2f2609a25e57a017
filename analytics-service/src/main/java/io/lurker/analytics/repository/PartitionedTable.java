package io.lurker.analytics.repository;

/** The tables partitioned by day, and which retention applies to each. */
public enum PartitionedTable {
    STREAM_SNAPSHOT("stream_snapshot", false, Retained.SNAPSHOTS),
    CHAT_MESSAGE("chat_message", false, Retained.CHAT),
    CHAT_EVENT("chat_event", false, Retained.CHAT),
    CHAT_MINUTE("chat_minute", false, Retained.CHAT),
    CHAT_MINUTE_CHATTER("chat_minute_chatter", false, Retained.CHAT),
    CHAT_EMOTE_MINUTE("chat_emote_minute", false, Retained.CHAT),
    CHAT_EMOTE_USER_DAY("chat_emote_user_day", true, Retained.CHAT);

    /** Which retention setting governs a table. */
    public enum Retained { CHAT, SNAPSHOTS }

    private final String tableName;
    private final boolean dateKey;
    private final Retained retained;

    PartitionedTable(String tableName, boolean dateKey, Retained retained) {
        this.tableName = tableName;
        this.dateKey = dateKey;
        this.retained = retained;
    }

    public String tableName() {
        return tableName;
    }

    /** True when the partition key is a {@code date}, false for {@code timestamptz}. */
    public boolean dateKey() {
        return dateKey;
    }

    public Retained retained() {
        return retained;
    }
}
