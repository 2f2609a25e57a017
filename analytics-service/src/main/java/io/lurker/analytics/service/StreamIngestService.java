package io.lurker.analytics.service;

import static io.lurker.analytics.service.InvalidEventException.present;
import static io.lurker.analytics.service.InvalidEventException.require;

import io.lurker.analytics.repository.Jdbc;
import io.lurker.analytics.repository.PartitionedTable;
import io.lurker.analytics.repository.StreamRepository;
import io.lurker.analytics.repository.StreamRepository.SnapshotRow;
import io.lurker.contracts.stream.StreamEvent;
import io.lurker.contracts.stream.StreamSnapshot;
import io.lurker.contracts.stream.StreamSnapshotBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores polls of the watchlist's streams. A polled channel absent from {@code live} is stored
 * as an offline row (known offline); a channel not polled gets no row (missing data). Every
 * broadcast seen in the poll has its session recomputed from its snapshots, and broadcasts of
 * channels now offline get their end.
 */
@ApplicationScoped
public class StreamIngestService {

    private final Jdbc jdbc;
    private final StreamRepository streams;
    private final PartitionMaintainer partitions;

    public StreamIngestService(Jdbc jdbc, StreamRepository streams, PartitionMaintainer partitions) {
        this.jdbc = jdbc;
        this.streams = streams;
        this.partitions = partitions;
    }

    /** @return how many snapshot rows were new */
    public int store(StreamSnapshotBatch batch) throws SQLException {
        require(batch != null, "empty batch");
        ChatIngestService.checkSchema(batch.schema());
        require(batch.sampledAt() != null, "poll " + batch.pollId() + " has no sampledAt");
        require(batch.intervalSeconds() > 0, "poll " + batch.pollId() + " has no positive intervalSeconds");
        Map<String, StreamSnapshot> live = new LinkedHashMap<>();
        for (StreamSnapshot s : batch.live() == null ? List.<StreamSnapshot>of() : batch.live()) {
            require(s != null && present(s.channelId()), "poll " + batch.pollId() + " has a live stream without channelId");
            require(present(s.streamId()), "live stream of channel " + s.channelId() + " has no streamId");
            require(s.viewerCount() >= 0, "live stream " + s.streamId() + " has negative viewers");
            live.putIfAbsent(s.channelId(), s);
        }
        List<SnapshotRow> rows = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        for (String channelId : batch.polledChannelIds() == null ? List.<String>of() : batch.polledChannelIds()) {
            if (present(channelId) && !live.containsKey(channelId) && !offline.contains(channelId)) {
                offline.add(channelId);
                rows.add(new SnapshotRow(channelId, null));
            }
        }
        live.forEach((channelId, s) -> rows.add(new SnapshotRow(channelId, s)));
        if (rows.isEmpty()) {
            return 0;
        }
        Instant at = batch.sampledAt();
        partitions.ensure(PartitionedTable.STREAM_SNAPSHOT, List.of(LocalDate.ofInstant(at, ZoneOffset.UTC)));
        List<StreamSnapshot> liveStreams = List.copyOf(live.values());
        return jdbc.inTransaction(c -> {
            int inserted = streams.insertSnapshots(c, at, batch.intervalSeconds(), rows);
            if (!liveStreams.isEmpty()) {
                streams.upsertChannelsAndGames(c, at, liveStreams);
            }
            streams.lockSessions(c);
            for (StreamSnapshot s : liveStreams) {
                streams.recomputeSession(c, s.channelId(), s.streamId(), s.startedAt() == null ? at : s.startedAt());
            }
            if (!offline.isEmpty()) {
                for (StreamRepository.OpenSession open : streams.openSessions(c, offline, at)) {
                    streams.recomputeSession(c, open.channelId(), open.streamId(), open.startedAt());
                }
            }
            return inserted;
        });
    }

    /** @return true when the event was new */
    public boolean store(StreamEvent event) throws SQLException {
        require(event != null, "empty event");
        ChatIngestService.checkSchema(event.schema());
        require(present(event.id()), "stream event has no id");
        require(event.kind() != null, "stream event " + event.id() + " has no kind");
        require(present(event.channelId()), "stream event " + event.id() + " has no channelId");
        require(event.at() != null, "stream event " + event.id() + " has no time");
        return jdbc.inTransaction(c -> streams.insertEvent(c, event));
    }
}
