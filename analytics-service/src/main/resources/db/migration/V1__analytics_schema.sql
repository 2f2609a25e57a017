-- Lurker analytics schema. Identifiers use the "C" collation: byte-wise comparison keeps the
-- indexes of the high-volume tables cheap to maintain.
-- Tables are created in the schema Flyway runs in (search_path);
-- the day partitions of the partitioned tables are created by PartitionMaintainer at run time.

-- Channels and their follower totals ------------------------------------------------------
CREATE TABLE channel (
    channel_id        text COLLATE "C" PRIMARY KEY,
    login             text COLLATE "C" NOT NULL,
    display_name      text,
    broadcaster_type  text,
    description       text,
    profile_image_url text,
    created_at        timestamptz,
    language          text,
    game_id           text COLLATE "C",
    game_name         text,
    title             text,
    tags              text[],
    teams             jsonb,
    has_schedule      boolean,
    first_seen_at     timestamptz NOT NULL,
    profile_sampled_at timestamptz NOT NULL
);
CREATE INDEX channel_login_idx ON channel (login);

CREATE TABLE channel_follower_sample (
    channel_id      text COLLATE "C"        NOT NULL,
    sampled_at      timestamptz NOT NULL,
    followers_total bigint      NOT NULL,
    PRIMARY KEY (channel_id, sampled_at)
);

CREATE TABLE game (
    game_id     text COLLATE "C" PRIMARY KEY,
    name        text NOT NULL,
    box_art_url text,
    igdb_id     text COLLATE "C",
    updated_at  timestamptz NOT NULL
);
CREATE INDEX game_name_idx ON game (lower(name));

-- Live streams ------------------------------------------------------------------------------
-- One row per (channel, poll): live rows carry the stream, offline rows (live = false) say the
-- channel was polled and not live. A channel without a row at a poll time was not polled.
CREATE TABLE stream_snapshot (
    channel_id       text COLLATE "C"        NOT NULL,
    sampled_at       timestamptz NOT NULL,
    interval_seconds integer     NOT NULL,
    live             boolean     NOT NULL,
    stream_id        text COLLATE "C",
    viewer_count     integer,
    game_id          text COLLATE "C",
    game_name        text,
    title            text,
    language         text,
    started_at       timestamptz,
    PRIMARY KEY (channel_id, sampled_at)
) PARTITION BY RANGE (sampled_at);
CREATE INDEX stream_snapshot_game_idx ON stream_snapshot (game_id, sampled_at) WHERE live;
CREATE INDEX stream_snapshot_stream_idx ON stream_snapshot (stream_id) WHERE live;

-- One row per broadcast, recomputed from its snapshots whenever a snapshot of it arrives.
CREATE TABLE stream_session (
    stream_id         text COLLATE "C" PRIMARY KEY,
    channel_id        text COLLATE "C"        NOT NULL,
    started_at        timestamptz NOT NULL,
    first_sample_at   timestamptz NOT NULL,
    last_sample_at    timestamptz NOT NULL,
    ended_at          timestamptz,
    peak_viewers      integer     NOT NULL,
    peak_at           timestamptz NOT NULL,
    live_seconds      double precision NOT NULL,
    viewer_seconds    double precision NOT NULL,
    samples           integer     NOT NULL,
    missing_seconds   double precision NOT NULL
);
CREATE INDEX stream_session_channel_idx ON stream_session (channel_id, started_at);

CREATE TABLE stream_session_segment (
    stream_id      text COLLATE "C"        NOT NULL,
    seq            integer     NOT NULL,
    game_id        text COLLATE "C",
    game_name      text,
    started_at     timestamptz NOT NULL,
    ended_at       timestamptz NOT NULL,
    live_seconds   double precision NOT NULL,
    viewer_seconds double precision NOT NULL,
    peak_viewers   integer     NOT NULL,
    PRIMARY KEY (stream_id, seq)
);

CREATE TABLE stream_event (
    event_id           text COLLATE "C" PRIMARY KEY,
    kind               text COLLATE "C"        NOT NULL,
    channel_id         text COLLATE "C"        NOT NULL,
    channel_login      text COLLATE "C",
    stream_id          text COLLATE "C",
    at                 timestamptz NOT NULL,
    game_id            text COLLATE "C",
    game_name          text,
    title              text,
    previous_game_id   text COLLATE "C",
    previous_game_name text,
    previous_title     text
);
CREATE INDEX stream_event_channel_idx ON stream_event (channel_id, at);

-- Categories ------------------------------------------------------------------------------
CREATE TABLE category_snapshot (
    game_id    text COLLATE "C"        NOT NULL,
    sampled_at timestamptz NOT NULL,
    rank       integer     NOT NULL,
    viewers    bigint      NOT NULL,
    streams    integer     NOT NULL,
    PRIMARY KEY (game_id, sampled_at)
);
CREATE INDEX category_snapshot_time_idx ON category_snapshot (sampled_at);

-- Clips and VODs --------------------------------------------------------------------------
CREATE TABLE clip (
    clip_id          text COLLATE "C" PRIMARY KEY,
    url              text,
    embed_url        text,
    broadcaster_id   text COLLATE "C"        NOT NULL,
    broadcaster_name text,
    creator_id       text COLLATE "C",
    creator_name     text,
    video_id         text COLLATE "C",
    game_id          text COLLATE "C",
    language         text,
    title            text,
    view_count       bigint      NOT NULL,
    created_at       timestamptz NOT NULL,
    thumbnail_url    text,
    duration_seconds double precision,
    vod_offset       integer,
    featured         boolean,
    last_sampled_at  timestamptz NOT NULL,
    -- the first view sample and the last one within 24 h of creation: the clip's velocity
    first_view_count bigint,
    first_sampled_at timestamptz,
    day_view_count   bigint,
    day_sampled_at   timestamptz
);
CREATE INDEX clip_broadcaster_idx ON clip (broadcaster_id, created_at);
CREATE INDEX clip_game_idx ON clip (game_id, created_at);
CREATE INDEX clip_created_idx ON clip (created_at);

CREATE TABLE clip_view_sample (
    clip_id    text COLLATE "C"        NOT NULL,
    sampled_at timestamptz NOT NULL,
    view_count bigint      NOT NULL,
    PRIMARY KEY (clip_id, sampled_at)
);

CREATE TABLE vod (
    video_id          text COLLATE "C" PRIMARY KEY,
    stream_id         text COLLATE "C",
    user_id           text COLLATE "C"        NOT NULL,
    user_login        text COLLATE "C",
    user_name         text,
    title             text,
    description       text,
    created_at        timestamptz NOT NULL,
    published_at      timestamptz,
    url               text,
    thumbnail_url     text,
    viewable          text,
    view_count        bigint      NOT NULL,
    language          text,
    type              text,
    duration          text,
    duration_seconds  bigint      NOT NULL,
    muted_seconds     bigint      NOT NULL,
    last_sampled_at   timestamptz NOT NULL
);
CREATE INDEX vod_user_idx ON vod (user_id, created_at);

CREATE TABLE vod_muted_segment (
    video_id         text COLLATE "C"    NOT NULL REFERENCES vod (video_id) ON DELETE CASCADE,
    offset_seconds   integer NOT NULL,
    duration_seconds integer NOT NULL,
    PRIMARY KEY (video_id, offset_seconds)
);

CREATE TABLE vod_chapter (
    video_id         text COLLATE "C"    NOT NULL REFERENCES vod (video_id) ON DELETE CASCADE,
    position_seconds integer NOT NULL,
    duration_seconds integer NOT NULL,
    game_id          text COLLATE "C",
    game_name        text,
    description      text,
    PRIMARY KEY (video_id, position_seconds)
);

-- Chat ------------------------------------------------------------------------------------
-- Unique by (sent_at, message_id): a redelivered message keeps its sent_at, and the primary
-- key of a partitioned table must contain the partition key. Time first keeps the index
-- append-mostly (random message ids first made inserts about 2.5 times slower).
CREATE TABLE chat_message (
    message_id       text COLLATE "C"        NOT NULL,
    sent_at          timestamptz NOT NULL,
    received_at      timestamptz,
    source           text        NOT NULL,
    channel_id       text COLLATE "C"        NOT NULL,
    channel_login    text COLLATE "C"        NOT NULL,
    user_id          text COLLATE "C"        NOT NULL,
    user_login       text COLLATE "C",
    display_name     text,
    text             text        NOT NULL,
    action           boolean     NOT NULL,
    subscriber       boolean     NOT NULL,
    moderator        boolean     NOT NULL,
    vip              boolean     NOT NULL,
    bits             integer     NOT NULL,
    first_message    boolean     NOT NULL,
    reply_parent_id  text COLLATE "C",
    replay_video_id  text COLLATE "C",
    replay_offset    integer,
    emotes           text[],
    deleted          boolean     NOT NULL DEFAULT false,
    raw              text,
    PRIMARY KEY (sent_at, message_id)
) PARTITION BY RANGE (sent_at);
CREATE INDEX chat_message_channel_idx ON chat_message (channel_id, sent_at);
CREATE INDEX chat_message_user_idx ON chat_message (user_id, sent_at);

CREATE TABLE chat_event (
    event_id          text COLLATE "C"        NOT NULL,
    at                timestamptz NOT NULL,
    received_at       timestamptz,
    source            text        NOT NULL,
    kind              text COLLATE "C"        NOT NULL,
    notice_type       text,
    channel_id        text COLLATE "C",
    channel_login     text COLLATE "C"        NOT NULL,
    user_id           text COLLATE "C",
    user_login        text COLLATE "C",
    target_message_id text COLLATE "C",
    ban_duration_seconds integer,
    text              text,
    system_message    text,
    params            jsonb,
    raw               text,
    PRIMARY KEY (at, event_id)
) PARTITION BY RANGE (at);
CREATE INDEX chat_event_channel_idx ON chat_event (channel_login, at);
CREATE INDEX chat_event_user_idx ON chat_event (user_id) WHERE user_id IS NOT NULL;

-- Messages deleted by CLEARMSG, so that a message arriving after its deletion is flagged too.
CREATE TABLE chat_deleted_message (
    message_id text COLLATE "C" PRIMARY KEY,
    deleted_at timestamptz NOT NULL
);

-- Per-minute rollups. Increments come only from rows inserted in the same transaction.
CREATE TABLE chat_minute (
    channel_id          text COLLATE "C"        NOT NULL,
    minute              timestamptz NOT NULL,
    messages            integer     NOT NULL,
    unique_chatters     integer     NOT NULL,
    subscriber_messages integer     NOT NULL,
    moderator_messages  integer     NOT NULL,
    vip_messages        integer     NOT NULL,
    bits                bigint      NOT NULL,
    emotes              integer     NOT NULL,
    PRIMARY KEY (channel_id, minute)
) PARTITION BY RANGE (minute);

CREATE TABLE chat_minute_chatter (
    channel_id text COLLATE "C"        NOT NULL,
    minute     timestamptz NOT NULL,
    user_id    text COLLATE "C"        NOT NULL,
    user_login text COLLATE "C",
    messages   integer     NOT NULL,
    PRIMARY KEY (channel_id, minute, user_id)
) PARTITION BY RANGE (minute);

CREATE TABLE chat_emote_minute (
    channel_id text COLLATE "C"        NOT NULL,
    minute     timestamptz NOT NULL,
    provider   text COLLATE "C"        NOT NULL,
    emote_id   text COLLATE "C"        NOT NULL,
    emote_name text        NOT NULL,
    uses       integer     NOT NULL,
    messages   integer     NOT NULL,
    PRIMARY KEY (channel_id, minute, provider, emote_id)
) PARTITION BY RANGE (minute);

-- Distinct users per emote and day: unique users of an emote over whole days.
CREATE TABLE chat_emote_user_day (
    channel_id text COLLATE "C" NOT NULL,
    day        date NOT NULL,
    provider   text COLLATE "C" NOT NULL,
    emote_id   text COLLATE "C" NOT NULL,
    user_id    text COLLATE "C" NOT NULL,
    PRIMARY KEY (channel_id, day, provider, emote_id, user_id)
) PARTITION BY RANGE (day);

-- Watchlist -------------------------------------------------------------------------------
CREATE TABLE watchlist_entry (
    kind     text COLLATE "C"        NOT NULL CHECK (kind IN ('channel', 'game')),
    id       text        NOT NULL,
    name     text        NOT NULL,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE TABLE watchlist_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint  NOT NULL
);
INSERT INTO watchlist_version (version) VALUES (0);
