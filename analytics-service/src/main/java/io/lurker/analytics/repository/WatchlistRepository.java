package io.lurker.analytics.repository;

import io.lurker.contracts.control.WatchlistEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The watched channels and games and the version number that counts changes. */
@ApplicationScoped
public class WatchlistRepository {

    public long version(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT version FROM watchlist_version");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Increments the version; the row lock serializes concurrent changes. */
    public long nextVersion(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE watchlist_version SET version = version + 1 RETURNING version");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public List<WatchlistEntry> entries(Connection c) throws SQLException {
        List<WatchlistEntry> entries = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT kind, id, name FROM watchlist_entry ORDER BY kind, name");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                entries.add(new WatchlistEntry(kind(rs.getString(1)), rs.getString(2), rs.getString(3)));
            }
        }
        return entries;
    }

    /** @return true when the entry was not there yet */
    public boolean add(Connection c, WatchlistEntry entry, Instant at) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO watchlist_entry (kind, id, name, added_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (kind, id) DO UPDATE SET name = EXCLUDED.name
                RETURNING added_at = ?""")) {
            st.setString(1, name(entry.kind()));
            st.setString(2, entry.id());
            st.setString(3, entry.name());
            st.setTimestamp(4, Timestamp.from(at));
            st.setTimestamp(5, Timestamp.from(at));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public Optional<WatchlistEntry> remove(Connection c, WatchlistEntry.Kind kind, String column, String value)
            throws SQLException {
        String sql = "DELETE FROM watchlist_entry WHERE kind = ? AND " + ("name".equals(column) ? "name" : "id")
                + " = ? RETURNING kind, id, name";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, name(kind));
            st.setString(2, value);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new WatchlistEntry(kind(rs.getString(1)), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Makes a watched channel known by login before any of its data arrives. */
    public void rememberChannel(Connection c, String id, String login, String displayName, Instant at)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO channel (channel_id, login, display_name, first_seen_at, profile_sampled_at)
                VALUES (?, ?, ?, ?, 'epoch'::timestamptz)
                ON CONFLICT (channel_id) DO UPDATE SET login = EXCLUDED.login
                WHERE channel.profile_sampled_at < ?""")) {
            st.setString(1, id);
            st.setString(2, login);
            st.setString(3, Sql.clean(displayName));
            st.setTimestamp(4, Timestamp.from(at));
            st.setTimestamp(5, Timestamp.from(at));
            st.executeUpdate();
        }
    }

    static String name(WatchlistEntry.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static WatchlistEntry.Kind kind(String name) {
        return WatchlistEntry.Kind.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
