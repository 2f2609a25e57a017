package io.lurker.analytics.service;

import static io.lurker.analytics.service.InvalidEventException.present;
import static io.lurker.analytics.service.InvalidEventException.require;

import io.lurker.analytics.repository.CatalogRepository;
import io.lurker.analytics.repository.Jdbc;
import io.lurker.contracts.catalog.CategoryBatch;
import io.lurker.contracts.catalog.CategorySnapshot;
import io.lurker.contracts.catalog.ChannelBatch;
import io.lurker.contracts.catalog.ChannelRecord;
import io.lurker.contracts.catalog.ClipBatch;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.ClipViewsBatch;
import io.lurker.contracts.catalog.ClipViewsSample;
import io.lurker.contracts.catalog.VodBatch;
import io.lurker.contracts.catalog.VodRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stores catalog batches (channels, clips, clip views, VODs, categories), each in one transaction. */
@ApplicationScoped
public class CatalogIngestService {

    private final Jdbc jdbc;
    private final CatalogRepository catalog;

    public CatalogIngestService(Jdbc jdbc, CatalogRepository catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public void store(ChannelBatch batch) throws SQLException {
        require(batch != null && batch.channels() != null, "batch has no channels list");
        ChatIngestService.checkSchema(batch.schema());
        // a batch may carry several samples of one channel: keep each (channel, sampledAt) once
        Map<String, ChannelRecord> unique = new LinkedHashMap<>();
        for (ChannelRecord r : batch.channels()) {
            require(r != null && present(r.channelId()), "a channel has no channelId");
            require(present(r.login()), "channel " + r.channelId() + " has no login");
            if (r.sampledAt() == null) {
                require(batch.sampledAt() != null, "channel " + r.channelId() + " has no sampledAt");
                r = withSampledAt(r, batch);
            }
            unique.put(r.channelId() + '@' + r.sampledAt(), r);
        }
        List<ChannelRecord> rows = new ArrayList<>(unique.values());
        rows.sort(java.util.Comparator.comparing(ChannelRecord::sampledAt));
        jdbc.inTransaction(c -> {
            catalog.upsertChannels(c, rows);
            return null;
        });
    }

    public void store(ClipBatch batch) throws SQLException {
        require(batch != null && batch.clips() != null, "batch has no clips list");
        ChatIngestService.checkSchema(batch.schema());
        require(batch.sampledAt() != null, "clip batch has no sampledAt");
        Map<String, ClipRecord> unique = new LinkedHashMap<>();
        for (ClipRecord k : batch.clips()) {
            require(k != null && present(k.id()), "a clip has no id");
            require(present(k.broadcasterId()), "clip " + k.id() + " has no broadcasterId");
            require(k.createdAt() != null, "clip " + k.id() + " has no createdAt");
            require(k.viewCount() >= 0, "clip " + k.id() + " has negative views");
            unique.put(k.id(), k);
        }
        List<ClipRecord> rows = new ArrayList<>(unique.values());
        jdbc.inTransaction(c -> {
            catalog.upsertClips(c, batch.sampledAt(), rows);
            return null;
        });
    }

    public void store(ClipViewsBatch batch) throws SQLException {
        require(batch != null && batch.samples() != null, "batch has no samples list");
        ChatIngestService.checkSchema(batch.schema());
        Map<String, ClipViewsSample> unique = new LinkedHashMap<>();
        for (ClipViewsSample s : batch.samples()) {
            require(s != null && present(s.clipId()), "a clip-views sample has no clipId");
            ClipViewsSample sample = s.sampledAt() != null ? s
                    : new ClipViewsSample(s.clipId(), s.viewCount(), batch.sampledAt());
            require(sample.sampledAt() != null, "clip-views sample of " + s.clipId() + " has no sampledAt");
            unique.put(sample.clipId() + '@' + sample.sampledAt(), sample);
        }
        List<ClipViewsSample> rows = new ArrayList<>(unique.values());
        jdbc.inTransaction(c -> {
            catalog.insertClipViews(c, rows);
            return null;
        });
    }

    public void store(VodBatch batch) throws SQLException {
        require(batch != null && batch.vods() != null, "batch has no vods list");
        ChatIngestService.checkSchema(batch.schema());
        require(batch.sampledAt() != null, "VOD batch has no sampledAt");
        Map<String, VodRecord> unique = new LinkedHashMap<>();
        for (VodRecord v : batch.vods()) {
            require(v != null && present(v.id()), "a VOD has no id");
            require(present(v.userId()), "VOD " + v.id() + " has no userId");
            require(v.createdAt() != null, "VOD " + v.id() + " has no createdAt");
            require(v.durationSeconds() >= 0, "VOD " + v.id() + " has a negative duration");
            unique.put(v.id(), v);
        }
        List<VodRecord> rows = new ArrayList<>(unique.values());
        jdbc.inTransaction(c -> {
            catalog.upsertVods(c, batch.sampledAt(), rows);
            return null;
        });
    }

    public void store(CategoryBatch batch) throws SQLException {
        require(batch != null && batch.categories() != null, "batch has no categories list");
        ChatIngestService.checkSchema(batch.schema());
        require(batch.sampledAt() != null, "category batch has no sampledAt");
        Map<String, CategorySnapshot> unique = new LinkedHashMap<>();
        for (CategorySnapshot s : batch.categories()) {
            require(s != null && present(s.gameId()), "a category has no gameId");
            require(present(s.gameName()), "category " + s.gameId() + " has no gameName");
            require(s.viewers() >= 0 && s.streams() >= 0, "category " + s.gameId() + " has negative counts");
            unique.putIfAbsent(s.gameId(), s);
        }
        List<CategorySnapshot> rows = new ArrayList<>(unique.values());
        jdbc.inTransaction(c -> {
            catalog.insertCategories(c, batch.sampledAt(), rows);
            return null;
        });
    }

    private static ChannelRecord withSampledAt(ChannelRecord r, ChannelBatch batch) {
        return new ChannelRecord(r.channelId(), r.login(), r.displayName(), r.broadcasterType(), r.description(),
                r.profileImageUrl(), r.createdAt(), r.language(), r.gameId(), r.gameName(), r.title(), r.tags(),
                r.followersTotal(), r.teams(), r.hasSchedule(), batch.sampledAt());
    }
}
