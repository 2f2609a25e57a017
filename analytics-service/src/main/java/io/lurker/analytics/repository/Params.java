package io.lurker.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Binds values to a statement in order: every query value travels as a parameter, never as SQL text. */
final class Params {

    /** Reads one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Params() {
    }

    static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Instant instant) {
                st.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (v instanceof String[] array) {
                st.setArray(i + 1, Sql.array(c, "text", array));
            } else {
                st.setObject(i + 1, v);
            }
        }
        return st;
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... values) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, values); ResultSet rs = st.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    static <T> T one(Connection c, String sql, RowMapper<T> mapper, Object... values) throws SQLException {
        List<T> rows = list(c, sql, mapper, values);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long longValue(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double doubleValue(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
