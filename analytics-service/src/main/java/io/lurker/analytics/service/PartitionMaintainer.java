package io.lurker.analytics.service;

import io.lurker.analytics.config.AnalyticsConfig;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.PartitionRepository;
import io.lurker.analytics.repository.PartitionedTable;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Creates day partitions ahead of time and on demand (data may be days old: VOD chat replay,
 * log imports), and drops the partitions that fall out of the configured retention.
 */
@ApplicationScoped
public class PartitionMaintainer {

    private static final Logger LOG = Logger.getLogger(PartitionMaintainer.class);

    private final Jdbc jdbc;
    private final PartitionRepository partitions;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final Map<PartitionedTable, Set<LocalDate>> known = new EnumMap<>(PartitionedTable.class);

    public PartitionMaintainer(Jdbc jdbc, PartitionRepository partitions, AnalyticsConfig config, Clock clock) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.config = config;
        this.clock = clock;
        for (PartitionedTable table : PartitionedTable.values()) {
            known.put(table, ConcurrentHashMap.newKeySet());
        }
    }

    // Runs after Flyway (which migrates at start-up) so the parent tables exist.
    void onStart(@Observes @Priority(5000) StartupEvent event) throws SQLException {
        maintain();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        maintain();
    }

    /** Creates today's and the coming days' partitions and drops expired ones. */
    public void maintain() throws SQLException {
        reload();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<LocalDate> ahead = new ArrayList<>();
        for (int i = 0; i <= config.partitions().daysAhead(); i++) {
            ahead.add(today.plusDays(i));
        }
        for (PartitionedTable table : PartitionedTable.values()) {
            ensure(table, ahead);
        }
        dropExpired();
    }

    /** Makes sure each day has a partition of the table; cheap when they all exist. */
    public void ensure(PartitionedTable table, Collection<LocalDate> days) throws SQLException {
        Set<LocalDate> present = known.get(table);
        List<LocalDate> missing = days.stream().distinct().filter(day -> !present.contains(day)).toList();
        if (missing.isEmpty()) {
            return;
        }
        jdbc.autocommit(connection -> {
            for (LocalDate day : missing) {
                try {
                    partitions.create(connection, table, day);
                } catch (SQLException e) {
                    // another instance created it at the same moment: it exists now
                    if (!"42P07".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                }
                present.add(day);
            }
            return null;
        });
    }

    /** Drops partitions older than the retention of their table; returns how many went. */
    public int dropExpired() throws SQLException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int dropped = 0;
        for (PartitionedTable table : PartitionedTable.values()) {
            int days = table.retained() == PartitionedTable.Retained.CHAT
                    ? config.retention().chatDays() : config.retention().snapshotDays();
            // a partition goes once its whole day is older than the retention
            LocalDate firstKept = today.minusDays(days);
            List<LocalDate> expired = jdbc.read(c -> partitions.existingDays(c, table)).stream()
                    .filter(day -> day.isBefore(firstKept)).toList();
            for (LocalDate day : expired) {
                jdbc.autocommit(c -> {
                    partitions.drop(c, table, day);
                    return null;
                });
                known.get(table).remove(day);
                dropped++;
            }
            if (!expired.isEmpty()) {
                LOG.infof("Dropped %d partition(s) of %s older than %s", expired.size(), table.tableName(), firstKept);
            }
        }
        return dropped;
    }

    /** Forgets what it knew and reads the partitions that exist (after a failure or a drop elsewhere). */
    public void reload() throws SQLException {
        for (PartitionedTable table : PartitionedTable.values()) {
            List<LocalDate> days = jdbc.read(c -> partitions.existingDays(c, table));
            Set<LocalDate> present = known.get(table);
            present.clear();
            present.addAll(days);
        }
    }
}
