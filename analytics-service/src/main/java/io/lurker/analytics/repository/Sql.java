package io.lurker.analytics.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.jdbc.PgConnection;
import java.time.Instant;

/** Small conversions between Java values and what PostgreSQL stores. */
public final class Sql {

    private Sql() {
    }

    /**
     * A PostgreSQL array parameter. The driver's own connection takes primitive arrays
     * ({@code long[]}, {@code boolean[]}, …) and sends them without boxing.
     */
    public static Array array(Connection connection, String type, Object values) throws SQLException {
        return connection.unwrap(PgConnection.class).createArrayOf(type, values);
    }

    /** Microseconds since the epoch, PostgreSQL's timestamp precision. */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** PostgreSQL text cannot hold NUL characters; IRC lines never carry them, JSON might. */
    public static String clean(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    }
}
