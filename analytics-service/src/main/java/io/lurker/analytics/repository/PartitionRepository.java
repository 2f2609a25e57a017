package io.lurker.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Day partitions of the partitioned tables, named {@code <table>_pYYYYMMDD}. Table names come
 * from {@link PartitionedTable}, never from input, and dates are formatted here, so the DDL
 * built below cannot carry outside text.
 */
@ApplicationScoped
public class PartitionRepository {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    /** The days that have a partition of the table, in the current schema. */
    public List<LocalDate> existingDays(Connection connection, PartitionedTable table) throws SQLException {
        String sql = """
                SELECT c.relname FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid
                JOIN pg_class p ON p.oid = i.inhparent
                JOIN pg_namespace n ON n.oid = p.relnamespace
                WHERE p.relname = ? AND n.nspname = current_schema()
                """;
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table.tableName());
            try (ResultSet rows = statement.executeQuery()) {
                String prefix = table.tableName() + "_p";
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (name.startsWith(prefix) && name.length() == prefix.length() + 8) {
                        days.add(LocalDate.parse(name.substring(prefix.length()), SUFFIX));
                    }
                }
            }
        }
        return days;
    }

    public void create(Connection connection, PartitionedTable table, LocalDate day) throws SQLException {
        String bound = table.dateKey() ? "'%s'" : "'%sT00:00:00Z'";
        String sql = "CREATE TABLE IF NOT EXISTS " + partitionName(table, day) + " PARTITION OF " + table.tableName()
                + " FOR VALUES FROM (" + bound.formatted(day) + ") TO (" + bound.formatted(day.plusDays(1)) + ")";
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    public void drop(Connection connection, PartitionedTable table, LocalDate day) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + partitionName(table, day));
        }
    }

    static String partitionName(PartitionedTable table, LocalDate day) {
        return table.tableName() + "_p" + SUFFIX.format(day);
    }
}
