package io.lurker.helix.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.catalog.ClipRecord;
import io.lurker.contracts.catalog.VodRecord;
import io.lurker.contracts.stream.StreamSnapshot;
import io.lurker.helix.service.HelixQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Helix rows → contracts records. */
final class HelixRecords {

    private HelixRecords() {
    }

    static StreamSnapshot stream(JsonNode s) {
        return new StreamSnapshot(s.path("user_id").asText(), s.path("user_login").asText(), s.path("user_name").asText(),
                s.path("id").asText(), s.path("viewer_count").asInt(), s.path("game_id").asText(), s.path("game_name").asText(),
                s.path("title").asText(), s.path("language").asText(), time(s.path("started_at")), strings(s.path("tags")));
    }

    static ClipRecord clip(JsonNode c) {
        JsonNode offset = c.path("vod_offset");
        return new ClipRecord(c.path("id").asText(), c.path("url").asText(), c.path("embed_url").asText(),
                c.path("broadcaster_id").asText(), c.path("broadcaster_name").asText(), c.path("creator_id").asText(),
                c.path("creator_name").asText(), c.path("video_id").asText(""), c.path("game_id").asText(),
                c.path("language").asText(), c.path("title").asText(), c.path("view_count").asLong(), time(c.path("created_at")),
                c.path("thumbnail_url").asText(), c.path("duration").asDouble(),
                offset.isNumber() ? offset.asInt() : null, c.path("is_featured").asBoolean());
    }

    static VodRecord vod(JsonNode v) {
        List<VodRecord.MutedSegment> muted = new ArrayList<>();
        for (JsonNode m : v.path("muted_segments")) {
            muted.add(new VodRecord.MutedSegment(m.path("offset").asInt(), m.path("duration").asInt()));
        }
        return new VodRecord(v.path("id").asText(), v.path("stream_id").isTextual() ? v.path("stream_id").asText() : null,
                v.path("user_id").asText(), v.path("user_login").asText(), v.path("user_name").asText(), v.path("title").asText(),
                v.path("description").asText(), time(v.path("created_at")), time(v.path("published_at")), v.path("url").asText(),
                v.path("thumbnail_url").asText(), v.path("viewable").asText(), v.path("view_count").asLong(),
                v.path("language").asText(), v.path("type").asText(), v.path("duration").asText(),
                HelixQueries.vod(v).durationSeconds(), muted, null);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Instant time(JsonNode node) {
        try {
            return node.isTextual() && !node.asText().isEmpty() ? Instant.parse(node.asText()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }
}
