package io.lurker.analytics.repository;

import static io.lurker.analytics.repository.Params.instant;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Channel profiles by login or id. */
@ApplicationScoped
public class ChannelRepository {

    /** A channel as stored. */
    public record Channel(String id, String login, String displayName, String broadcasterType, Boolean hasSchedule,
            String teams, Instant firstSeenAt) {
    }

    private static final String COLUMNS = "channel_id, login, display_name, broadcaster_type, has_schedule, teams::text AS teams, first_seen_at";

    /** The channel now using the login (logins can change hands: the most recently seen wins). */
    public Channel byLogin(Connection c, String login) throws SQLException {
        return Params.one(c, "SELECT " + COLUMNS + " FROM channel WHERE login = ? ORDER BY profile_sampled_at DESC LIMIT 1",
                ChannelRepository::map, login.toLowerCase(Locale.ROOT));
    }

    public List<Channel> watched(Connection c) throws SQLException {
        return Params.list(c, "SELECT " + COLUMNS + " FROM channel WHERE channel_id IN "
                + "(SELECT id FROM watchlist_entry WHERE kind = 'channel') ORDER BY login", ChannelRepository::map);
    }

    private static Channel map(java.sql.ResultSet rs) throws SQLException {
        Boolean schedule = rs.getBoolean("has_schedule");
        if (rs.wasNull()) {
            schedule = null;
        }
        return new Channel(rs.getString("channel_id"), rs.getString("login"), rs.getString("display_name"),
                rs.getString("broadcaster_type"), schedule, rs.getString("teams"), instant(rs, "first_seen_at"));
    }
}
